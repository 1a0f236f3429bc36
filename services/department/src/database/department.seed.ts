import { DataSource } from 'typeorm';
import { DepartmentEntity } from '../departments/department.entity';

export interface DepartmentSeed {
  departments: { code: string; name: string; apiKeyHash: string }[];
}

/** Loads departments and their API key hashes; running it again updates in place. */
export async function seedDepartment(dataSource: DataSource, seed: DepartmentSeed): Promise<void> {
  await dataSource.getRepository(DepartmentEntity).upsert(seed.departments, ['code']);
}
