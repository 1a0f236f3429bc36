import { EntityManager } from 'typeorm';
import { CaseDispatchedV3, CaseResolvedV2, EventEnvelope } from '@gridwhistle/contracts';

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

function publicDetails(event: EventEnvelope): Record<string, string> {
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
    default:
      return {};
  }
}
