import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Evidence, Rating, ResolutionOutcome, ReturnReason } from '@gridwhistle/contracts';

/**
 * How far a unit has come with a case it holds. `resolved` (fixed, 办结) and `unfixable` (closed
 * as cannot be fixed, its own outcome) are the lead's two ends of the handling; case-state-machine.ts
 * says which action leads where.
 */
export const PROGRESS_STATUSES = ['dispatched', 'acknowledged', 'resolved', 'unfixable', 'closed'] as const;
/**
 * Where a unit's hold on a case ended before the case did: it gave the case back (退单), or a
 * later dispatch round no longer names it.
 */
export const RELEASED_STATUSES = ['returned', 'withdrawn'] as const;
export const DEPARTMENT_CASE_STATUSES = [...PROGRESS_STATUSES, ...RELEASED_STATUSES] as const;
export type DepartmentCaseStatus = (typeof DEPARTMENT_CASE_STATUSES)[number];

/** The part a unit has in a case: it leads the handling, assists the lead, or is copied (抄送) for information. */
export const CASE_ROLES = ['lead', 'assistant', 'copied'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

/** A case as one unit holding it sees it: one row per case and unit. */
@Entity({ schema: 'department', name: 'cases' })
@Index(['departmentCode', 'status', 'dispatchedAt'])
export class DepartmentCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  /** The unit holding the case: a department, a street or a community. */
  @PrimaryColumn({ name: 'department_code' }) departmentCode: string;
  @Column({ type: 'text' }) role: CaseRole;
  /** The dispatch round that gave the unit the case (1 = the first dispatch). */
  @Column({ type: 'int' }) round: number;
  @Column({ name: 'category_code' }) categoryCode: string;
  @Column({ name: 'grid_code' }) gridCode: string;
  @Column() description: string;
  @Column({ type: 'text' }) status: DepartmentCaseStatus;
  @Column({ name: 'dispatched_at', type: 'timestamptz' }) dispatchedAt: Date;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  /** How often the resident's answer sent the case back (重办); its rows then start again at `dispatched`. */
  @Column({ name: 'reopen_count', type: 'int', default: 0 }) reopenCount: number;
  /** The supervision level (督办) of the current round: 0 at first, one higher with each reopening. */
  @Column({ name: 'supervision_level', type: 'int', default: 0 }) supervisionLevel: number;
  @Column({ type: 'text' }) traceparent: string;
  /** Whether the lead may still give the case back (退单): false once a ruling designated it, and never after `returnableUntil`. */
  @Column({ type: 'boolean' }) returnable: boolean;
  @Column({ name: 'returnable_until', type: 'timestamptz', nullable: true }) returnableUntil: Date | null;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt: Date | null;
  @Column({ name: 'return_reason', type: 'text', nullable: true }) returnReason: ReturnReason | null;
  @Column({ name: 'return_basis', type: 'text', nullable: true }) returnBasis: string | null;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
  /** Raised by a trigger on every change of the row: the case's ETag (If-Match). */
  @Column({ type: 'int', insert: false, update: false }) version: number;
  /** How the lead ended the handling: fixed (resolved) or cannot be fixed; null before. Kept once the case closes. */
  @Column({ type: 'text', nullable: true }) outcome: ResolutionOutcome | null;
  /** Photos of the result the lead resolved with (they show the place, not the requester). */
  @Column({ type: 'jsonb', insert: false }) evidence: Evidence[];
  /** The resident's rating once graded (评单), for every unit holding the case. */
  @Column({ type: 'text', nullable: true }) rating: Rating | null;
  @Column({ name: 'graded_at', type: 'timestamptz', nullable: true }) gradedAt: Date | null;
}
