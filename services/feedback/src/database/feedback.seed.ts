import { DataSource } from 'typeorm';
import { IntegrationEntity } from '../integrations/integration.entity';

export interface FeedbackSeed {
  integrations: { code: string; name: string; apiKeyHash: string }[];
}

/** Loads the integrations allowed to record feedback; running it again updates in place. */
export async function seedFeedback(dataSource: DataSource, seed: FeedbackSeed): Promise<void> {
  await dataSource.getRepository(IntegrationEntity).upsert(seed.integrations, ['code']);
}
