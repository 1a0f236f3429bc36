import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Which department handles a category, and how long it has to report in. Routing rules are
 * data (they change with the responsibility lists), not code.
 */
@Entity({ schema: 'routing', name: 'category_routes' })
export class CategoryRouteEntity {
  @PrimaryColumn({ name: 'category_code' }) categoryCode: string;
  @Column({ name: 'department_code' }) departmentCode: string;
  @Column({ name: 'department_name' }) departmentName: string;
  @Column({ name: 'deadline_hours', type: 'int' }) deadlineHours: number;
}
