import { Column, Entity, PrimaryColumn } from 'typeorm';
import { GradedOutcome, Rating } from '@gridwhistle/contracts';

/**
 * `graded` is where version 1 left an unsatisfied case; today an answer closes the case, sends
 * it back (`reopened`, until its next resolution) or to the command centre (`escalated`).
 */
export type CallbackStatus = 'awaiting_feedback' | 'graded' | 'closed' | 'reopened' | 'escalated';
export type CallbackOutcome = GradedOutcome | 'no_feedback';

/** The callback (回访) owed to the resident once a department resolved their case; one row per case, the current round. */
@Entity({ schema: 'feedback', name: 'callbacks' })
export class CallbackEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'department_code' }) departmentCode: string;
  @Column({ type: 'text' }) status: CallbackStatus;
  @Column({ name: 'resolved_at', type: 'timestamptz' }) resolvedAt: Date;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  /** The handling round awaiting or given an answer: 0 before any reopening. */
  @Column({ name: 'reopen_count', type: 'int' }) reopenCount: number;
  @Column({ name: 'policy_version', type: 'text', nullable: true }) policyVersion: string | null;
  /** When the answer window ends: unanswered by then, the case closes as "no feedback". */
  @Column({ name: 'answer_due_at', type: 'timestamptz', nullable: true }) answerDueAt: Date | null;
  @Column({ type: 'boolean', nullable: true }) solved: boolean | null;
  @Column({ type: 'text', nullable: true }) rating: Rating | null;
  @Column({ type: 'text', nullable: true }) outcome: CallbackOutcome | null;
  @Column({ name: 'graded_by', type: 'text', nullable: true }) gradedBy: string | null;
  @Column({ name: 'graded_at', type: 'timestamptz', nullable: true }) gradedAt: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'text' }) traceparent: string;
}
