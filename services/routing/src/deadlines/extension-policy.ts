import { BusinessCalendar } from '../calendar/business-calendar';
import { pointOf } from './clock';
import { ClockState, after } from './clock-schedule';
import { SupervisionDocument } from './deadline-policy.document';

/** What becomes of an extension request (延期申请): granted by the policy, referred to the command centre, or refused outright. */
export type ExtensionOutcome = { outcome: 'grant' } | { outcome: 'refer' } | { outcome: 'refuse'; reason: string };

/**
 * Decides an extension of a resolve clock by the policy: asked before the deadline, for a later
 * one; within the policy's number of automatic extensions and its reach, granted at once;
 * beyond them, the command centre decides.
 */
export function extensionOutcome(
  calendar: BusinessCalendar,
  supervision: SupervisionDocument,
  clock: ClockState,
  grantedAutomatically: number,
  requestedAt: number,
  until: number,
): ExtensionOutcome {
  const dueAt = pointOf(calendar, clock.startedAt, clock.budget, clock.pauses);
  if (dueAt === undefined) return { outcome: 'refuse', reason: 'the case is paused: resume it before asking for more time' };
  if (requestedAt >= dueAt) return { outcome: 'refuse', reason: 'asked after the deadline had passed' };
  if (until <= dueAt) return { outcome: 'refuse', reason: 'the date asked for is not later than the current deadline' };
  const { automaticTimes, automaticAtMost } = supervision.extension;
  const withinPolicy = grantedAutomatically < automaticTimes && until <= after(calendar, dueAt, automaticAtMost);
  return withinPolicy ? { outcome: 'grant' } : { outcome: 'refer' };
}
