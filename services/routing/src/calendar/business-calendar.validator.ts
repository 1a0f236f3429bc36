import { BusinessCalendarDocument } from './business-calendar.document';
import { dayNumber, minuteOfDay, weekday } from './local-time';

export interface CalendarProblem {
  path: string;
  reason: string;
}

/** What the shape cannot say: the zone keeps one offset, hours in order, days real, in their year, and not contradicting each other. */
export function checkCalendar(calendar: BusinessCalendarDocument, at = '$.calendar'): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const problem = (path: string, reason: string) => problems.push({ path: `${at}${path}`, reason });
  const offsets = new Set<number | undefined>();
  for (const { year } of calendar.years) for (const month of [0, 6]) offsets.add(zoneOffsetMinutes(calendar.timeZone, Date.UTC(year, month, 1)));
  if (offsets.has(undefined)) problem('.timeZone', `unknown time zone '${calendar.timeZone}'`);
  else if (offsets.size > 1) problem('.timeZone', `'${calendar.timeZone}' changes its UTC offset within the years listed`);

  if (calendar.workingHours.length === 0) problem('.workingHours', 'at least one stretch of working hours a day');
  calendar.workingHours.forEach((hours, i) => {
    if (minuteOfDay(hours.to) <= minuteOfDay(hours.from)) problem(`.workingHours[${i}]`, `'${hours.to}' is not after '${hours.from}'`);
    const previous = calendar.workingHours[i - 1];
    if (previous && minuteOfDay(hours.from) < minuteOfDay(previous.to)) problem(`.workingHours[${i}].from`, `'${hours.from}' starts before the stretch before it ends`);
  });
  const { reportedBefore, dueSameDayAt } = calendar.nightfall;
  if (minuteOfDay(dueSameDayAt) < minuteOfDay(reportedBefore)) {
    problem('.nightfall.dueSameDayAt', `a dispute reported just before ${reportedBefore} would be due before it was reported`);
  }

  const seen = new Set<number>();
  calendar.years.forEach((year, y) => {
    if (seen.has(year.year)) problem(`.years[${y}].year`, `duplicate year ${year.year}`);
    seen.add(year.year);
    const holidays = new Set<number>();
    const day = (date: string, path: string): number | undefined => {
      const n = dayNumber(date);
      if (n === undefined) problem(path, `'${date}' is no date`);
      else if (!date.startsWith(`${year.year}-`)) problem(path, `'${date}' is not in ${year.year}`);
      else return n;
      return undefined;
    };
    year.holidays.forEach((holiday, h) => {
      const from = day(holiday.from, `.years[${y}].holidays[${h}].from`);
      const to = day(holiday.to, `.years[${y}].holidays[${h}].to`);
      if (from === undefined || to === undefined) return;
      if (to < from) problem(`.years[${y}].holidays[${h}].to`, `'${holiday.to}' is before '${holiday.from}'`);
      for (let n = from; n <= to; n++) {
        if (holidays.has(n)) problem(`.years[${y}].holidays[${h}]`, `'${holiday.name}' overlaps another holiday`);
        holidays.add(n);
      }
    });
    year.workingDays.forEach((date, w) => {
      const n = day(date, `.years[${y}].workingDays[${w}]`);
      if (n === undefined) return;
      if (holidays.has(n)) problem(`.years[${y}].workingDays[${w}]`, `'${date}' is a holiday too`);
      else if (weekday(n) !== 0 && weekday(n) !== 6) problem(`.years[${y}].workingDays[${w}]`, `'${date}' is a weekday already: a make-up working day (调休) is a Saturday or Sunday`);
    });
  });
  return problems;
}

/** The zone's offset from UTC at an instant, in minutes; undefined for an unknown zone. */
export function zoneOffsetMinutes(timeZone: string, at: number): number | undefined {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  } catch {
    return undefined;
  }
}
