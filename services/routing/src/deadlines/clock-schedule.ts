import { CaseClock } from '@gridwhistle/contracts';
import { BusinessCalendar } from '../calendar/business-calendar';
import { ClockBudget, ClockLength, Pause, budgetOf, pointOf } from './clock';
import { SupervisionDocument } from './deadline-policy.document';

/** A clock as it stands: when it started, how much it has, and when it stood still. */
export interface ClockState {
  clock: CaseClock;
  startedAt: number;
  budget: ClockBudget;
  pauses: Pause[];
}

/**
 * What a timer does when it fires: a warning at a fraction, the breach, the next level of the
 * ladder; and, outside a clock's schedule, the end of its n-th pause at the policy's bound and
 * the n-th review of a case on the register (挂账).
 */
export type Step = `warning:${number}` | 'breach' | 'street' | 'district' | 'register' | `resume:${number}` | `review:${number}`;

export interface Timer {
  step: Step;
  /** Undefined while an open pause holds the clock. */
  fireAt: number | undefined;
}

/** The instant `length` after `from`, by the calendar. */
export function after(calendar: BusinessCalendar, from: number, length: ClockLength): number {
  return pointOf(calendar, from, budgetOf(calendar, from, length), [])!;
}

/**
 * Every timer of a clock: its warnings and breach and, for the resolve clock, the ladder after
 * the breach (the reminder goes out with the breach; the street, the district and the register
 * each when the level before has run out).
 */
export function scheduleOf(calendar: BusinessCalendar, supervision: SupervisionDocument, state: ClockState): Timer[] {
  const point = (fraction: number) => pointOf(calendar, state.startedAt, state.budget, state.pauses, fraction);
  const timers: Timer[] = [...supervision.warnings.map((f) => ({ step: `warning:${f}` as Step, fireAt: point(f) })), { step: 'breach', fireAt: point(1) }];
  if (state.clock !== 'resolve') return timers;
  const ladder = ladderOf(calendar, supervision, point(1));
  return [...timers, { step: 'street', fireAt: ladder?.reminder }, { step: 'district', fireAt: ladder?.street }, { step: 'register', fireAt: ladder?.district }];
}

/** When each level of the ladder runs out, counted from the breach. */
export function ladderOf(calendar: BusinessCalendar, supervision: SupervisionDocument, dueAt: number | undefined) {
  if (dueAt === undefined) return undefined;
  const reminder = after(calendar, dueAt, supervision.ladder.reminder);
  const street = after(calendar, reminder, supervision.ladder.street);
  const district = after(calendar, street, supervision.ladder.district);
  return { reminder, street, district };
}
