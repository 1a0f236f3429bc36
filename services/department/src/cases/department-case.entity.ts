import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DEPARTMENT_CASE_STATUSES = ['dispatched', 'acknowledged', 'resolved', 'closed'] as const;
export type DepartmentCaseStatus = (typeof DEPARTMENT_CASE_STATUSES)[number];

/** A case as the department handling it sees it. */
@Entity({ schema: 'department', name: 'cases' })
@Index(['departmentCode', 'status', 'dispatchedAt'])
export class DepartmentCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'department_code' }) departmentCode: string;
  @Column({ name: 'category_code' }) categoryCode: string;
  @Column({ name: 'grid_code' }) gridCode: string;
  @Column() description: string;
  @Column({ type: 'text' }) status: DepartmentCaseStatus;
  @Column({ name: 'dispatched_at', type: 'timestamptz' }) dispatchedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @Column({ type: 'text' }) traceparent: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
