import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { RoutingDecision } from '../decisions/routing-decision';
import { Directory } from '../directory/directory';
import { dueOf, endOf } from '../deadlines/case-clocks';

/** The acknowledge deadline when a directory has no policy for the category (older versions). */
const FALLBACK_ACKNOWLEDGE_MS = 24 * 3_600_000;

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
 * the policy's acknowledge clock (签收), returnable within its return window in working days of
 * the directory's calendar unless a ruling designated the lead.
 */
export function dispatchedEvent(
  found: CaseToRoute,
  decision: RoutingDecision,
  round: number,
  decidedAt: Date,
  directory: Directory | undefined,
): { event: EventEnvelope; dueAt: Date } {
  const { caseId, categoryCode, gridCode, description, traceparent } = found;
  const lead = decision.lead!;
  const policy = directory && decision.deadlinePolicy ? decision.deadlinePolicy : undefined;
  const dueAt = (policy && dueOf(directory!, policy, gridCode, 'acknowledge', decidedAt)) || new Date(decidedAt.getTime() + FALLBACK_ACKNOWLEDGE_MS);
  const returnable = decision.returnable !== false;
  const window = decision.returnWithinWorkingDays;
  const returnableUntil =
    returnable && window != null && directory ? endOf(directory, decidedAt, { unit: 'working_days', value: window }).toISOString() : undefined;
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
