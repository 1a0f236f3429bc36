import { CaseClock, PauseReason, SupervisionLevel } from '@gridwhistle/contracts';

/** A unit's deadlines on a case in one round, as stored. */
export interface CaseDeadlinesRow {
  caseId: string;
  departmentCode: string;
  round: number;
  clockDue: Partial<Record<CaseClock, string>>;
  breached: CaseClock[];
  supervisionLevel: SupervisionLevel | null;
  supervisionDueAt: Date | null;
  supervisorCode: string | null;
  registeredAt: Date | null;
  reviewAt: Date | null;
  extensionState: 'requested' | 'referred' | 'granted' | 'refused' | null;
  extensionUntil: Date | null;
  extensionReason: string | null;
  extensionDecision: string | null;
  pausedSince: Date | null;
  pauseReason: PauseReason | null;
  pauseNote: string | null;
  pausedMs: string;
  pauses: number;
  firstContactAt: Date | null;
  firstContactChannel: string | null;
  firstContactNote: string | null;
}

export const DEADLINE_COLUMNS = `d.case_id AS "caseId", d.department_code AS "departmentCode", d.round, d.clock_due AS "clockDue", d.breached,
  d.supervision_level AS "supervisionLevel", d.supervision_due_at AS "supervisionDueAt", d.supervisor_code AS "supervisorCode",
  d.registered_at AS "registeredAt", d.review_at AS "reviewAt", d.extension_state AS "extensionState", d.extension_until AS "extensionUntil",
  d.extension_reason AS "extensionReason", d.extension_decision AS "extensionDecision", d.paused_since AS "pausedSince", d.pause_reason AS "pauseReason",
  d.pause_note AS "pauseNote", d.paused_ms AS "pausedMs", d.pauses, d.first_contact_at AS "firstContactAt", d.first_contact_channel AS "firstContactChannel",
  d.first_contact_note AS "firstContactNote"`;

/**
 * Whether a case the unit still handles is overdue: its resolve deadline passed (supervision
 * follows it), or its acknowledge or first-contact deadline passed before the unit did either.
 * `c` is the unit's department.cases row, `d` its deadlines row of the same round.
 */
export const OVERDUE_SQL = `c.status IN ('dispatched', 'acknowledged') AND (
  'resolve' = ANY(d.breached) OR d.supervision_level IS NOT NULL
  OR ('acknowledge' = ANY(d.breached) AND c.status = 'dispatched')
  OR ('first_contact' = ANY(d.breached) AND d.first_contact_at IS NULL))`;

/** The next deadline of a case the unit still handles: of the clocks it has not yet satisfied, the earliest known. */
export const NEXT_DUE_SQL = `CASE WHEN c.status IN ('dispatched', 'acknowledged') THEN LEAST(
  CASE WHEN c.status = 'dispatched' THEN COALESCE((d.clock_due->>'acknowledge')::timestamptz, c.due_at) END,
  CASE WHEN d.first_contact_at IS NULL THEN (d.clock_due->>'first_contact')::timestamptz END,
  (d.clock_due->>'resolve')::timestamptz,
  d.supervision_due_at) END`;
