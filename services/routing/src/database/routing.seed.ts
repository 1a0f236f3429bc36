import { DataSource } from 'typeorm';
import { CategoryRouteEntity } from '../dispatch/category-route.entity';

export interface RoutingSeed {
  routes: { categoryCode: string; departmentCode: string; departmentName: string; deadlineHours: number }[];
}

/** Loads the category-to-department table; running it again updates in place. */
export async function seedRouting(dataSource: DataSource, seed: RoutingSeed): Promise<void> {
  await dataSource.getRepository(CategoryRouteEntity).upsert(seed.routes, ['categoryCode']);
}
