import { BusinessCalendar } from '../calendar/business-calendar';
import { HOUR_MS, MINUTE_MS } from '../calendar/local-time';

export const LENGTH_UNITS = ['minutes', 'hours', 'working_hours', 'working_days', 'nightfall'] as const;
export type LengthUnit = (typeof LENGTH_UNITS)[number];

/** A length as policies state it; nightfall has no value. */
export interface ClockLength {
  unit: LengthUnit;
  value?: number;
}

/** Wall time runs always; working time only in the calendar's working hours. */
export type Measure = 'wall' | 'working';

/** A clock once started: what it counts and how much of it there is. */
export interface ClockBudget {
  measure: Measure;
  budgetMs: number;
}

/** A stretch of wall time during which a clock stood still; open while it still does. */
export interface Pause {
  from: number;
  to?: number;
}

/** The budget of a clock of `length` started at `start`. */
export function budgetOf(calendar: BusinessCalendar, start: number, length: ClockLength): ClockBudget {
  const value = length.value ?? 0;
  switch (length.unit) {
    case 'minutes':
      return { measure: 'wall', budgetMs: value * MINUTE_MS };
    case 'hours':
      return { measure: 'wall', budgetMs: value * HOUR_MS };
    case 'working_hours':
      return { measure: 'working', budgetMs: value * HOUR_MS };
    case 'working_days':
      return { measure: 'working', budgetMs: calendar.workingMsBetween(start, calendar.closeOfWorkingDay(start, value)) };
    case 'nightfall':
      return { measure: 'wall', budgetMs: calendar.nightfall(start) - start };
  }
}

/** Time counted by `measure` between two instants. */
export function measured(calendar: BusinessCalendar, measure: Measure, from: number, to: number): number {
  if (to <= from) return 0;
  return measure === 'wall' ? to - from : calendar.workingMsBetween(from, to);
}

function advance(calendar: BusinessCalendar, measure: Measure, from: number, ms: number): number {
  return measure === 'wall' ? from + ms : calendar.addWorkingMs(from, ms);
}

/**
 * The instant at which `fraction` of the budget has run, the pauses not counting; undefined
 * while an open pause holds the clock before it gets there.
 */
export function pointOf(calendar: BusinessCalendar, start: number, budget: ClockBudget, pauses: Pause[], fraction = 1): number | undefined {
  let remaining = Math.ceil(budget.budgetMs * fraction); // rounded up: a point is never early
  let cursor = start;
  for (const pause of [...pauses].sort((a, b) => a.from - b.from)) {
    if (pause.to !== undefined && pause.to <= cursor) continue;
    const available = measured(calendar, budget.measure, cursor, pause.from);
    if (available >= remaining) return advance(calendar, budget.measure, cursor, remaining);
    remaining -= available;
    if (pause.to === undefined) return undefined;
    cursor = Math.max(cursor, pause.to);
  }
  return advance(calendar, budget.measure, cursor, remaining);
}

/** The budget that makes a clock due at `until` instead (an extension), the pauses not counting. */
export function budgetUntil(calendar: BusinessCalendar, start: number, measure: Measure, pauses: Pause[], until: number): ClockBudget {
  const paused = pauses.reduce((sum, p) => sum + measured(calendar, measure, Math.max(start, p.from), Math.min(until, p.to ?? until)), 0);
  return { measure, budgetMs: measured(calendar, measure, start, until) - paused };
}

/** Wall time a clock has stood still up to `now`. */
export function pausedMs(pauses: Pause[], now: number): number {
  return pauses.reduce((sum, p) => sum + Math.max(0, Math.min(p.to ?? now, now) - p.from), 0);
}
