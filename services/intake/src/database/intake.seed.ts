import { DataSource } from 'typeorm';
import { AreaEntity, AreaLevel } from '../reference/area.entity';
import { CategoryEntity } from '../reference/category.entity';
import { IntegrationEntity } from '../integrations/integration.entity';

export interface IntakeSeed {
  areas: { code: string; name: string; level: AreaLevel; parentCode: string | null }[];
  categories: { code: string; name: string }[];
  integrations: { code: string; name: string; apiKeyHash: string }[];
}

/** Loads reference data and integration keys; running it again updates in place. */
export async function seedIntake(dataSource: DataSource, seed: IntakeSeed): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.upsert(AreaEntity, seed.areas, ['code']);
    await manager.upsert(CategoryEntity, seed.categories, ['code']);
    await manager.upsert(IntegrationEntity, seed.integrations, ['code']);
  });
}
