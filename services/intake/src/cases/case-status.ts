import { EventType } from '@gridwhistle/contracts';

/**
 * The public status of a case, in the order a case moves through them. A case routing cannot
 * dispatch by itself waits for a person to triage it (awaiting_triage) before its dispatch.
 */
export const CASE_STATUSES = ['reported', 'awaiting_triage', 'dispatched', 'acknowledged', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** The status each event moves a case to; events absent here only add to the timeline. */
const STATUS_AFTER: Partial<Record<EventType, CaseStatus>> = {
  'case.reported': 'reported',
  'case.triage_required': 'awaiting_triage',
  'case.dispatched': 'dispatched',
  'case.acknowledged': 'acknowledged',
  'case.resolved': 'resolved',
  'case.closed': 'closed',
  // Answered by intake itself (an emergency, a consultation, a matter outside every duty): nothing follows.
  'case.diverted': 'closed',
};

/**
 * Events from different services arrive on different topics, so their order here is not
 * guaranteed (an acknowledgement can overtake its dispatch). The status therefore only moves
 * forward; the timeline keeps every event at the time it occurred.
 */
export function nextStatus(current: CaseStatus, event: EventType): CaseStatus {
  const after = STATUS_AFTER[event];
  if (!after) return current;
  return CASE_STATUSES.indexOf(after) > CASE_STATUSES.indexOf(current) ? after : current;
}
