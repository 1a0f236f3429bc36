import fc from 'fast-check';
import { BusinessCalendar } from '../calendar/business-calendar';
import { BusinessCalendarDocument } from '../calendar/business-calendar.document';
import { sampleDirectory } from '../directory/sample-directory';
import { ClockLength, LENGTH_UNITS, budgetOf, budgetUntil, pausedMs, pointOf } from './clock';

const calendar = new BusinessCalendar(sampleDirectory().calendar as BusinessCalendarDocument);
/** An instant given in Beijing time. */
const at = (local: string) => Date.parse(`${local}+08:00`);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));
const due = (start: string, length: ClockLength) => iso(pointOf(calendar, at(start), budgetOf(calendar, at(start), length), []));
const bj = (local: string) => iso(at(local));

describe('the business calendar of the sample city', () => {
  it('knows weekends, the 2026 holidays and the make-up working days (调休)', () => {
    const day = (local: string) => calendar.dayOf(at(`${local}T12:00:00`));
    expect(calendar.isWorkingDay(day('2026-03-03'))).toBe(true); // a Tuesday
    expect(calendar.isWorkingDay(day('2026-03-07'))).toBe(false); // a Saturday
    expect(calendar.isWorkingDay(day('2026-02-18'))).toBe(false); // 春节, a Wednesday
    expect(calendar.isWorkingDay(day('2026-02-14'))).toBe(true); // make-up Saturday
    expect(calendar.isWorkingDay(day('2026-09-20'))).toBe(true); // make-up Sunday
    expect(calendar.isWorkingDay(day('2026-10-07'))).toBe(false); // 国庆节
    expect(calendar.isWorkingDay(day('2027-02-08'))).toBe(false); // 2027: statutory 春节 day
    expect(calendar.isWorkingDay(day('2028-01-03'))).toBe(true); // beyond the data: an ordinary Monday
  });
});

describe('clock lengths', () => {
  it('counts minutes and hours on the wall clock, nights and holidays included', () => {
    expect(due('2026-02-16T23:50:00', { unit: 'minutes', value: 30 })).toBe(bj('2026-02-17T00:20:00'));
    expect(due('2026-02-16T20:00:00', { unit: 'hours', value: 2 })).toBe(bj('2026-02-16T22:00:00'));
  });

  it('counts working hours inside working hours only', () => {
    expect(due('2026-03-03T10:00:00', { unit: 'working_hours', value: 4 })).toBe(bj('2026-03-03T16:00:00')); // lunch skipped
    expect(due('2026-03-06T17:00:00', { unit: 'working_hours', value: 4 })).toBe(bj('2026-03-09T12:00:00')); // Friday to Monday
    expect(due('2026-03-03T20:00:00', { unit: 'working_hours', value: 1 })).toBe(bj('2026-03-04T10:00:00')); // after hours
  });

  it('counts working days from the next day to close of business, skipping a holiday and counting a make-up day', () => {
    expect(due('2026-03-03T10:00:00', { unit: 'working_days', value: 1 })).toBe(bj('2026-03-04T18:00:00'));
    expect(due('2026-03-06T10:00:00', { unit: 'working_days', value: 1 })).toBe(bj('2026-03-09T18:00:00')); // weekend skipped
    // Thursday 2026-02-12: Friday the 13th, make-up Saturday the 14th, then 春节 until the 23rd.
    expect(due('2026-02-12T10:00:00', { unit: 'working_days', value: 2 })).toBe(bj('2026-02-14T18:00:00'));
    expect(due('2026-02-12T10:00:00', { unit: 'working_days', value: 3 })).toBe(bj('2026-02-24T18:00:00'));
    expect(due('2026-09-30T10:00:00', { unit: 'working_days', value: 5 })).toBe(bj('2026-10-13T18:00:00')); // 国庆节 and make-up 10-10
  });

  it('applies the nightfall rule (调解矛盾不过夜): the same evening, or the next morning when reported late', () => {
    expect(due('2026-03-03T10:00:00', { unit: 'nightfall' })).toBe(bj('2026-03-03T21:00:00'));
    expect(due('2026-03-03T16:59:00', { unit: 'nightfall' })).toBe(bj('2026-03-03T21:00:00'));
    expect(due('2026-03-03T17:00:00', { unit: 'nightfall' })).toBe(bj('2026-03-04T09:00:00'));
    expect(due('2026-03-03T23:30:00', { unit: 'nightfall' })).toBe(bj('2026-03-04T09:00:00'));
    expect(due('2026-02-17T10:00:00', { unit: 'nightfall' })).toBe(bj('2026-02-17T21:00:00')); // holidays too
  });
});

describe('points of a clock, pauses and extensions', () => {
  const start = at('2026-03-02T09:00:00'); // a Monday
  const eightHours = budgetOf(calendar, start, { unit: 'working_hours', value: 8 });

  it('puts 50% and 75% by the clock\u2019s own measure', () => {
    expect(iso(pointOf(calendar, start, eightHours, [], 0.5))).toBe(bj('2026-03-02T15:00:00'));
    expect(iso(pointOf(calendar, start, eightHours, [], 0.75))).toBe(bj('2026-03-02T17:00:00'));
    expect(iso(pointOf(calendar, start, eightHours, [], 1))).toBe(bj('2026-03-03T10:00:00'));
  });

  it('subtracts paused time, holds the clock during an open pause, and shows the time paused', () => {
    const pause = { from: at('2026-03-02T10:00:00'), to: at('2026-03-02T15:00:00') }; // 3 working hours of it
    expect(iso(pointOf(calendar, start, eightHours, [pause]))).toBe(bj('2026-03-03T15:00:00'));
    expect(pointOf(calendar, start, eightHours, [{ from: pause.from }])).toBeUndefined();
    expect(iso(pointOf(calendar, start, eightHours, [{ from: pause.from }], 0.1))).toBe(bj('2026-03-02T09:48:00'));
    expect(pausedMs([pause, { from: at('2026-03-03T09:00:00') }], at('2026-03-03T09:30:00'))).toBe(5.5 * 3_600_000);
  });

  it('an extension moves the due time to the date granted, pauses still subtracted', () => {
    const pause = { from: at('2026-03-02T10:00:00'), to: at('2026-03-02T11:00:00') };
    const until = at('2026-03-10T18:00:00');
    const extended = budgetUntil(calendar, start, 'working', [pause], until);
    expect(iso(pointOf(calendar, start, extended, [pause]))).toBe(bj('2026-03-10T18:00:00'));
  });
});

describe('clock properties', () => {
  const instant = fc.integer({ min: at('2026-01-01T00:00:00'), max: at('2027-12-31T00:00:00') });
  const length = fc.oneof(
    fc.record({ unit: fc.constantFrom(...LENGTH_UNITS.filter((u) => u !== 'nightfall')), value: fc.integer({ min: 1, max: 30 }) }),
    fc.constant({ unit: 'nightfall' as const }),
  );
  const dueOf = (start: number, l: ClockLength, pauses: { from: number; to: number }[] = []) =>
    pointOf(calendar, start, budgetOf(calendar, start, l), pauses)!;

  it('is never due before it starts, and a later start is never due earlier (monotonic)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 10 * 86_400_000 }), length, (start, later, l) => {
        expect(dueOf(start, l)).toBeGreaterThan(start);
        expect(dueOf(start + later, l)).toBeGreaterThanOrEqual(dueOf(start, l));
      }),
    );
  });

  it('the warning points come in order: 50% ≤ 75% ≤ 100%', () => {
    fc.assert(
      fc.property(instant, length, (start, l) => {
        const budget = budgetOf(calendar, start, l);
        const [half, threeQuarters, full] = [0.5, 0.75, 1].map((f) => pointOf(calendar, start, budget, [], f)!);
        expect(half).toBeLessThanOrEqual(threeQuarters);
        expect(threeQuarters).toBeLessThanOrEqual(full);
      }),
    );
  });

  it('a working-day deadline falls on a working day, never on a holiday or a plain weekend', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (start, n) => {
        const end = dueOf(start, { unit: 'working_days', value: n });
        expect(calendar.isWorkingDay(calendar.dayOf(end - 1))).toBe(true);
      }),
    );
  });

  it('a pause pushes the due time back by at least nothing and at most its length in wall time, for wall clocks exactly', () => {
    fc.assert(
      fc.property(instant, length, fc.integer({ min: 0, max: 3_600_000 }), fc.integer({ min: 1, max: 86_400_000 }), (start, l, offset, lasting) => {
        const pause = { from: start + offset, to: start + offset + lasting };
        const plain = dueOf(start, l);
        const paused = dueOf(start, l, [pause]);
        expect(paused).toBeGreaterThanOrEqual(plain);
        if (l.unit !== 'working_hours' && l.unit !== 'working_days' && pause.from < plain) expect(paused).toBe(plain + lasting);
      }),
    );
  });

  it('working hours run only on working days within working hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (start, hours) => {
        const end = dueOf(start, { unit: 'working_hours', value: hours });
        expect(calendar.workingMsBetween(start, end)).toBe(hours * 3_600_000);
      }),
    );
  });
});
