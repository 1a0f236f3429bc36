import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A case waits for triage (待人工分拨) when routing cannot dispatch it by itself, and for the
 * command centre's ruling (争议裁定) when its returns call for one.
 */
export type DispatchOutcome = 'dispatched' | 'awaiting_triage' | 'awaiting_arbitration';

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
  /** The dispatch round: 1 for the first, one more for each later decision that moves the case. */
  @Column({ type: 'int', default: 1 }) round: number;
  /** Every unit that returned the case (退单), oldest first: none gets it back without a ruling. */
  @Column({ name: 'returned_by', type: 'text', array: true, default: () => "'{}'" }) returnedBy: string[];
  /** False once a ruling designated the lead. */
  @Column({ type: 'boolean', default: true }) returnable: boolean;
}
