import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A case waits for triage (待人工分拨) when routing cannot dispatch it by itself. */
export type DispatchOutcome = 'dispatched' | 'awaiting_triage';

/** Routing's current decision for one case; a case awaiting triage moves on to dispatched. */
@Entity({ schema: 'routing', name: 'dispatches' })
export class DispatchEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'category_code' }) categoryCode: string;
  @Column({ name: 'grid_code' }) gridCode: string;
  @Column({ type: 'text' }) outcome: DispatchOutcome;
  @Column({ name: 'department_code', type: 'text', nullable: true }) departmentCode: string | null;
  /** When the current decision was made: for a case awaiting triage, since when it waits. */
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt: Date | null;
  /** Kept to dispatch the case later; null only for decisions made before routing kept it. */
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', nullable: true }) traceparent: string | null;
  /** The directory version of the current decision: a waiting case is examined again by each newer one. */
  @Column({ name: 'directory_version', type: 'int', nullable: true }) directoryVersion: number | null;
}
