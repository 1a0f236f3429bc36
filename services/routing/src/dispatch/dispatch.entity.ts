import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DispatchOutcome = 'dispatched' | 'unroutable';

/** Routing's decision for one case. */
@Entity({ schema: 'routing', name: 'dispatches' })
export class DispatchEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'category_code' }) categoryCode: string;
  @Column({ name: 'grid_code' }) gridCode: string;
  @Column({ type: 'text' }) outcome: DispatchOutcome;
  @Column({ name: 'department_code', type: 'text', nullable: true }) departmentCode: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
}
