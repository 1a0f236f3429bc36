import { Diversion, EventType } from '@gridwhistle/contracts';
import { CaseStatus } from '../cases/case-status';

/** Open311's two statuses, and the extended ones its clients (FixMyStreet among them) know. */
export const OPEN311_STATUSES = ['open', 'closed'] as const;
export type Open311Status = (typeof OPEN311_STATUSES)[number];
export const EXTENDED_STATUSES = [
  'open',
  'investigating',
  'action_scheduled',
  'in_progress',
  'fixed',
  'closed',
  'duplicate',
  'not_councils_responsibility',
  'no_further_action',
  'internal_referral',
] as const;
export type ExtendedStatus = (typeof EXTENDED_STATUSES)[number];

/** How intake's own answers read to an Open311 client: an emergency went to its service, the rest needs nothing more. */
const DIVERTED: Record<Diversion, ExtendedStatus> = {
  emergency: 'internal_referral',
  outside_duty: 'not_councils_responsibility',
  consultation_answered: 'no_further_action',
};

const BY_STATUS: Record<CaseStatus, ExtendedStatus> = {
  reported: 'open',
  awaiting_triage: 'investigating',
  // Given back by a unit or waiting for the command centre's ruling: someone is finding who handles it.
  returned: 'investigating',
  awaiting_arbitration: 'investigating',
  dispatched: 'action_scheduled',
  acknowledged: 'in_progress',
  resolved: 'fixed',
  // Closed as cannot be fixed: never shown as fixed.
  unfixable: 'no_further_action',
  closed: 'closed',
};

export function extendedStatus(status: CaseStatus, diversion?: Diversion): ExtendedStatus {
  return diversion ? DIVERTED[diversion] : BY_STATUS[status];
}

/** Open while someone still has to act on it. */
export function basicStatus(extended: ExtendedStatus): Open311Status {
  return ['open', 'investigating', 'action_scheduled', 'in_progress'].includes(extended) ? 'open' : 'closed';
}

/** The status a timeline entry put the case in, as an update says it. */
const AFTER_EVENT: Partial<Record<EventType, ExtendedStatus>> = {
  'case.reported': 'open',
  'case.triage_required': 'investigating',
  'case.dispatched': 'action_scheduled',
  'case.acknowledged': 'in_progress',
  'case.resolved': 'fixed',
  'case.closed': 'closed',
};

export function statusAfter(type: EventType, details: Record<string, string>): ExtendedStatus | undefined {
  if (type === 'case.diverted') return DIVERTED[details.diversion as Diversion];
  return type === 'case.resolved' && details.outcome === 'cannot_fix' ? BY_STATUS.unfixable : AFTER_EVENT[type];
}
