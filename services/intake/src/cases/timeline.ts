import { EntityManager } from 'typeorm';
import { CaseDispatchedV3, CaseResolvedV2, EventEnvelope, EventType, SupervisionLevel } from '@gridwhistle/contracts';

/**
 * The events a resident sees on the public timeline: the case's progress, and the chasing of
 * late work (催办, 督办, 挂账), extensions (延期) and pauses (挂起) on the way.
 */
export const PUBLIC_PROGRESS = [
  'case.triage_required',
  'case.dispatched',
  'case.acknowledged',
  'case.returned',
  'case.arbitration_required',
  'case.resolved',
  'case.graded',
  'case.reopened',
  'case.reopen_limit_reached',
  'case.closed',
  'case.supervised',
  'case.registered_unresolved',
  'case.extension_granted',
  'case.extension_refused',
  'case.paused',
  'case.clock_resumed',
] as const satisfies readonly EventType[];

/**
 * Records events on their cases' public timelines, with only the details the public may see:
 * the multi-row insert as a statement, its parameters numbered from `first`, to run as a WITH
 * clause of the statement that changes the cases.
 */
export function timelineInsertion(events: EventEnvelope[], first = 1): { text: string; values: unknown[] } {
  const [ids, caseIds, types, occurredAt, details] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return {
    text: `INSERT INTO intake.timeline_entries (event_id, case_id, type, occurred_at, details)
      SELECT * FROM unnest(${ids}::uuid[], ${caseIds}::uuid[], ${types}::text[], ${occurredAt}::timestamptz[], ${details}::jsonb[])`,
    values: [
      events.map((event) => event.id),
      events.map((event) => event.caseId),
      events.map((event) => event.type),
      events.map((event) => event.occurredAt),
      events.map((event) => JSON.stringify(publicDetails(event))),
    ],
  };
}

/** Records events on their cases' public timelines, in the caller's transaction. */
export async function addToTimeline(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  const { text, values } = timelineInsertion(events);
  await manager.query(text, values);
}

function publicDetails(event: EventEnvelope): Record<string, string | number> {
  switch (event.type) {
    case 'case.triage_required':
      return { reason: (event.payload as EventEnvelope<'case.triage_required'>['payload']).reason };
    case 'case.dispatched': {
      const payload = event.payload as EventEnvelope<'case.dispatched'>['payload'];
      // A later round is a re-route: after a return, a manual dispatch or a ruling.
      const round = event.version >= 3 ? (payload as CaseDispatchedV3).round : 1;
      return { department: payload.departmentName, dueAt: payload.dueAt, ...(round > 1 ? { round: String(round) } : {}) };
    }
    case 'case.returned': {
      const { unitCode, reasonCode } = event.payload as EventEnvelope<'case.returned'>['payload'];
      return { unit: unitCode, reason: reasonCode };
    }
    case 'case.arbitration_required':
      return { reason: (event.payload as EventEnvelope<'case.arbitration_required'>['payload']).reason };
    case 'case.diverted': {
      const { diversion, emergencyNumber } = event.payload as EventEnvelope<'case.diverted'>['payload'];
      return { diversion, ...(emergencyNumber ? { emergencyNumber } : {}) };
    }
    case 'case.resolved': {
      // The photos of the result show the place, not the requester; the resolution text stays unpublished as before.
      if (event.version < 2) return { outcome: 'fixed' };
      const { outcome, evidence } = event.payload as CaseResolvedV2;
      return { outcome, ...(evidence.length > 0 ? { evidence: evidence.map((photo) => photo.url).join(' ') } : {}) };
    }
    case 'case.graded': {
      const payload = event.payload as { rating: string; outcome?: string };
      return { rating: payload.rating, ...(payload.outcome ? { outcome: payload.outcome } : {}) };
    }
    case 'case.reopened': {
      const payload = event.payload as EventEnvelope<'case.reopened'>['payload'];
      return { reopenCount: String(payload.reopenCount), supervisionLevel: String(payload.supervisionLevel) };
    }
    case 'case.closed': {
      const payload = event.payload as { outcome?: string };
      return payload.outcome ? { outcome: payload.outcome } : {};
    }
    case 'case.supervised': {
      const payload = event.payload as EventEnvelope<'case.supervised'>['payload'];
      return { level: payload.level, dueAt: payload.dueAt };
    }
    case 'case.registered_unresolved':
      return { reviewAt: (event.payload as EventEnvelope<'case.registered_unresolved'>['payload']).reviewAt };
    case 'case.extension_granted':
      return { dueAt: (event.payload as EventEnvelope<'case.extension_granted'>['payload']).dueAt };
    case 'case.paused':
      return { pauseReason: (event.payload as EventEnvelope<'case.paused'>['payload']).reason };
    case 'case.clock_resumed': {
      const payload = event.payload as EventEnvelope<'case.clock_resumed'>['payload'];
      return { pausedMinutes: Math.round(payload.pausedMs / 60_000), ...(payload.dueAt ? { dueAt: payload.dueAt } : {}) };
    }
    default:
      return {};
  }
}

/** How far up the ladder a case is chased now; `register` once it is on the register of unresolved problems (挂账). */
export type PublicSupervision = SupervisionLevel | 'register';

/**
 * The supervision a case is under, from its timeline (oldest first): the last level reached,
 * until a new dispatch, an extension or the resolution ends it.
 */
export function supervisionOf(timeline: { type: EventType; details: Record<string, string | number> }[]): PublicSupervision | null {
  let level: PublicSupervision | null = null;
  for (const entry of timeline) {
    if (entry.type === 'case.supervised') level = entry.details.level as SupervisionLevel;
    else if (entry.type === 'case.registered_unresolved') level = 'register';
    else if (entry.type === 'case.dispatched' || entry.type === 'case.extension_granted' || entry.type === 'case.resolved') level = null;
  }
  return level;
}
