import { EventEnvelope } from '@gridwhistle/contracts';

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

function publicDetails(event: EventEnvelope): Record<string, string> {
  switch (event.type) {
    case 'case.triage_required':
      return { reason: (event.payload as EventEnvelope<'case.triage_required'>['payload']).reason };
    case 'case.dispatched': {
      const payload = event.payload as EventEnvelope<'case.dispatched'>['payload'];
      return { department: payload.departmentName, dueAt: payload.dueAt };
    }
    case 'case.graded':
      return { rating: (event.payload as EventEnvelope<'case.graded'>['payload']).rating };
    default:
      return {};
  }
}
