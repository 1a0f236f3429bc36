import fc from 'fast-check';
import { BusinessCalendar } from '../calendar/business-calendar';
import { BusinessCalendarDocument } from '../calendar/business-calendar.document';
import { sampleDirectory } from '../directory/sample-directory';
import { budgetOf, pointOf } from './clock';
import { after } from './clock-schedule';
import { SupervisionDocument } from './deadline-policy.document';
import { extensionOutcome } from './extension-policy';

const directory = sampleDirectory();
const calendar = new BusinessCalendar(directory.calendar as BusinessCalendarDocument);
const supervision = directory.supervision as SupervisionDocument;
const at = (local: string) => Date.parse(`${local}+08:00`);
/** A resolve clock of three working days started on Tuesday 2026-03-03 10:00: due Friday 2026-03-06 at close of business (18:00). */
const start = at('2026-03-03T10:00:00');
const clock = { clock: 'resolve' as const, startedAt: start, budget: budgetOf(calendar, start, { unit: 'working_days', value: 3 }), pauses: [] };
const due = at('2026-03-06T18:00:00');
const reach = after(calendar, due, supervision.extension.automaticAtMost);

describe('extensions by the policy (once, at most 10 working days)', () => {
  it('grants within the reach, once; refers beyond it or a second time', () => {
    expect(pointOf(calendar, start, clock.budget, [])).toBe(due);
    expect(reach).toBe(at('2026-03-20T18:00:00')); // ten working days after the deadline
    expect(extensionOutcome(calendar, supervision, clock, 0, start, due + 86_400_000)).toEqual({ outcome: 'grant' });
    expect(extensionOutcome(calendar, supervision, clock, 0, start, reach)).toEqual({ outcome: 'grant' });
    expect(extensionOutcome(calendar, supervision, clock, 0, start, reach + 1)).toEqual({ outcome: 'refer' });
    expect(extensionOutcome(calendar, supervision, clock, 1, start, due + 86_400_000)).toEqual({ outcome: 'refer' });
  });

  it('refuses a request after the deadline, for no later date, or while the case is paused', () => {
    expect(extensionOutcome(calendar, supervision, clock, 0, due, reach)).toMatchObject({ outcome: 'refuse', reason: expect.stringMatching(/after the deadline/) });
    expect(extensionOutcome(calendar, supervision, clock, 0, start, due)).toMatchObject({ outcome: 'refuse', reason: expect.stringMatching(/not later/) });
    expect(extensionOutcome(calendar, supervision, { ...clock, pauses: [{ from: start + 1000 }] }, 0, start + 2000, reach)).toMatchObject({ outcome: 'refuse' });
  });

  it('never grants by itself beyond the reach nor more often than the policy allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: start, max: due - 1 }), fc.integer({ min: due + 1, max: reach + 30 * 86_400_000 }), (granted, asked, until) => {
        const { outcome } = extensionOutcome(calendar, supervision, clock, granted, asked, until);
        expect(outcome).toBe(granted < supervision.extension.automaticTimes && until <= reach ? 'grant' : 'refer');
      }),
    );
  });
});
