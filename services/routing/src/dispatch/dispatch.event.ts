import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { RoutingDecision } from '../decisions/routing-decision';

const HOUR_MS = 3_600_000;
// Until the working-day calendars land, a working day of a return window counts as 24 hours.
const WORKING_DAY_MS = 24 * HOUR_MS;

/** What routing keeps of a case to dispatch it, at any round. */
export interface CaseToRoute {
  caseId: string;
  categoryCode: string;
  gridCode: string;
  description: string;
  traceparent: string | null;
}

/**
 * The case.dispatched of a decision that names a lead: round `round` of the case's units, due by
 * the policy's response time, returnable within its return window unless a ruling designated
 * the lead.
 */
export function dispatchedEvent(found: CaseToRoute, decision: RoutingDecision, round: number, decidedAt: Date): { event: EventEnvelope; dueAt: Date } {
  const { caseId, categoryCode, gridCode, description, traceparent } = found;
  const lead = decision.lead!;
  const dueAt = new Date(decidedAt.getTime() + (decision.respondWithinHours ?? 24) * HOUR_MS);
  const returnable = decision.returnable !== false;
  const window = decision.returnWithinWorkingDays;
  const returnableUntil = returnable && window != null ? new Date(decidedAt.getTime() + window * WORKING_DAY_MS).toISOString() : undefined;
  const event = createEvent(
    'case.dispatched',
    caseId,
    {
      departmentCode: lead.code,
      departmentName: lead.name,
      categoryCode,
      gridCode,
      description,
      dueAt: dueAt.toISOString(),
      assistingUnitCodes: decision.assistants.map((u) => u.code),
      copiedUnitCodes: decision.copied.map((u) => u.code),
      gridNotified: decision.gridNotified,
      rule: decision.rule,
      directoryVersion: decision.directoryVersion!,
      round,
      returnable,
      ...(returnableUntil ? { returnableUntil } : {}),
    },
    { trace: traceparent ? { traceparent } : undefined, occurredAt: decidedAt },
  );
  return { event, dueAt };
}
