import { EventType, ResolutionOutcome } from '@gridwhistle/contracts';

/**
 * The public status of a case, in the order a case moves through them within one dispatch
 * round. A case routing cannot dispatch by itself waits for a person to triage it; a lead that
 * gives it back (退单) leaves it `returned` until routing sends it on, or holds it for the
 * command centre's ruling (awaiting_arbitration); the next round starts at `dispatched` again.
 * A lead that finds the problem cannot be fixed ends the handling as `unfixable`, never `resolved`.
 */
export const CASE_STATUSES = ['reported', 'awaiting_triage', 'dispatched', 'acknowledged', 'returned', 'awaiting_arbitration', 'resolved', 'unfixable', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseProgress {
  status: CaseStatus;
  round: number;
}

/** The status each event moves a case to; events absent here only add to the timeline. */
const STATUS_AFTER: Partial<Record<EventType, CaseStatus>> = {
  'case.reported': 'reported',
  'case.triage_required': 'awaiting_triage',
  'case.dispatched': 'dispatched',
  'case.acknowledged': 'acknowledged',
  'case.returned': 'returned',
  'case.arbitration_required': 'awaiting_arbitration',
  'case.resolved': 'resolved',
  'case.closed': 'closed',
  // Answered by intake itself (an emergency, a consultation, a matter outside every duty): nothing follows.
  'case.diverted': 'closed',
};

/**
 * Events from different services arrive on different topics, so their order here is not
 * guaranteed (an acknowledgement can overtake its dispatch). Within a round the status therefore
 * only moves forward; a dispatch of a later round starts it afresh, and a return of an earlier
 * round changes nothing. Events without a round belong to the round the case is in.
 */
export function nextProgress(current: CaseProgress, event: { type: EventType; payload: unknown }): CaseProgress {
  const after = isUnfixable(event) ? 'unfixable' : STATUS_AFTER[event.type];
  if (!after) return current;
  const round = (event.payload as { round?: number }).round ?? current.round;
  if (round < current.round) return current;
  if (round > current.round) return { status: after, round };
  return CASE_STATUSES.indexOf(after) > CASE_STATUSES.indexOf(current.status) ? { status: after, round } : current;
}

/** case.resolved from version 2 on says how the handling ended; a version 1 was always a fix. */
export function isUnfixable(event: { type: EventType; payload: unknown }): boolean {
  return event.type === 'case.resolved' && (event.payload as { outcome?: ResolutionOutcome }).outcome === 'cannot_fix';
}
