import { DataSource } from 'typeorm';
import { IntegrationEntity } from '../integrations/integration.entity';

export interface IntakeSeed {
  integrations: { code: string; name: string; apiKeyHash: string }[];
}

/**
 * Loads the integrations' keys; running it again updates in place. Categories and areas are
 * no seed: intake learns them from routing's directory.published.
 */
export async function seedIntake(dataSource: DataSource, seed: IntakeSeed): Promise<void> {
  await dataSource.getRepository(IntegrationEntity).upsert(seed.integrations, ['code']);
}
