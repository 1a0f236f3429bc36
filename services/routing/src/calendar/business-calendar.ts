import { BusinessCalendarDocument } from './business-calendar.document';
import { zoneOffsetMinutes } from './business-calendar.validator';
import { DAY_MS, MINUTE_MS, dayNumber, minuteOfDay, weekday } from './local-time';

/** How far the calendar looks for working time before it gives up (a calendar with no working day at all). */
const SEARCH_DAYS = 3660;

/**
 * A validated business calendar as arithmetic on instants (epoch milliseconds): which local days
 * are working days (holidays skipped, make-up days (调休) counted, other years plain Monday to
 * Friday), the working hours of each, and the nightfall rule. Pure: the time comes from the caller.
 */
export class BusinessCalendar {
  private readonly offsetMs: number;
  private readonly holidays = new Set<number>();
  private readonly workingDays = new Set<number>();
  /** Working stretches of a working day, in ms after local midnight. */
  private readonly stretches: { from: number; to: number }[];

  constructor(readonly document: BusinessCalendarDocument) {
    const first = document.years[0]?.year ?? 2026;
    this.offsetMs = (zoneOffsetMinutes(document.timeZone, Date.UTC(first, 0, 1)) ?? 0) * MINUTE_MS;
    for (const year of document.years) {
      for (const { from, to } of year.holidays) for (let n = dayNumber(from)!; n <= dayNumber(to)!; n++) this.holidays.add(n);
      for (const date of year.workingDays) this.workingDays.add(dayNumber(date)!);
    }
    this.stretches = document.workingHours.map((h) => ({ from: minuteOfDay(h.from) * MINUTE_MS, to: minuteOfDay(h.to) * MINUTE_MS }));
  }

  /** The local day an instant falls on. */
  dayOf(at: number): number {
    return Math.floor((at + this.offsetMs) / DAY_MS);
  }

  /** The instant of a local time of day (ms after midnight) on a local day. */
  instant(day: number, msOfDay: number): number {
    return day * DAY_MS + msOfDay - this.offsetMs;
  }

  isWorkingDay(day: number): boolean {
    if (this.workingDays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const w = weekday(day);
    return w !== 0 && w !== 6;
  }

  /** Working time between two instants (0 when `to` is not after `from`). */
  workingMsBetween(from: number, to: number): number {
    let total = 0;
    for (let day = this.dayOf(from); day <= this.dayOf(to); day++) {
      if (!this.isWorkingDay(day)) continue;
      for (const s of this.stretches) total += Math.max(0, Math.min(to, this.instant(day, s.to)) - Math.max(from, this.instant(day, s.from)));
    }
    return total;
  }

  /** The instant at which `ms` of working time has passed since `from`; `from` itself for 0. */
  addWorkingMs(from: number, ms: number): number {
    if (ms <= 0) return from;
    let remaining = ms;
    for (let day = this.dayOf(from), end = day + SEARCH_DAYS; day < end; day++) {
      if (!this.isWorkingDay(day)) continue;
      for (const s of this.stretches) {
        const start = Math.max(from, this.instant(day, s.from));
        const available = this.instant(day, s.to) - start;
        if (available <= 0) continue;
        if (available >= remaining) return start + remaining;
        remaining -= available;
      }
    }
    throw new Error(`the calendar has no working time within ${SEARCH_DAYS} days of ${new Date(from).toISOString()}`);
  }

  /** Close of business on the n-th working day after the day of `from` (the day itself does not count). */
  closeOfWorkingDay(from: number, n: number): number {
    let day = this.dayOf(from);
    for (let counted = 0, searched = 0; counted < n; searched++) {
      if (searched > SEARCH_DAYS) throw new Error('the calendar has no working days');
      day++;
      if (this.isWorkingDay(day)) counted++;
    }
    return this.instant(day, this.stretches[this.stretches.length - 1].to);
  }

  /** 调解矛盾不过夜: reported in the day, due that evening; reported late, the next morning. */
  nightfall(from: number): number {
    const { reportedBefore, dueSameDayAt, dueNextDayAt } = this.document.nightfall;
    const day = this.dayOf(from);
    const sinceMidnight = from - this.instant(day, 0);
    return sinceMidnight < minuteOfDay(reportedBefore) * MINUTE_MS
      ? this.instant(day, minuteOfDay(dueSameDayAt) * MINUTE_MS)
      : this.instant(day + 1, minuteOfDay(dueNextDayAt) * MINUTE_MS);
  }
}
