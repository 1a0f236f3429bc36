import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Rating, ResolutionOutcome } from '@gridwhistle/contracts';

export type CallbackStatus = 'awaiting_feedback' | 'graded' | 'closed';

/** The callback (回访) owed to the resident once a department resolved their case. */
@Entity({ schema: 'feedback', name: 'callbacks' })
export class CallbackEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'department_code' }) departmentCode: string;
  @Column({ type: 'text' }) status: CallbackStatus;
  @Column({ name: 'resolved_at', type: 'timestamptz' }) resolvedAt: Date;
  /** `cannot_fix`: the resident is told why and grades the handling; it is never counted as fixed. */
  @Column({ type: 'text' }) outcome: ResolutionOutcome;
  @Column({ type: 'text', nullable: true }) rating: Rating | null;
  @Column({ name: 'graded_by', type: 'text', nullable: true }) gradedBy: string | null;
  @Column({ name: 'graded_at', type: 'timestamptz', nullable: true }) gradedAt: Date | null;
  @Column({ type: 'text' }) traceparent: string;
}
