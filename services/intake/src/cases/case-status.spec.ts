import fc from 'fast-check';
import { EventType } from '@gridwhistle/contracts';
import { CASE_STATUSES, CaseProgress, nextProgress } from './case-status';

const event = (type: EventType, round?: number) => ({ type, payload: round === undefined ? {} : { round } });
const statusAfter = (start: CaseProgress, ...events: { type: EventType; payload: object }[]) => events.reduce((progress, e) => nextProgress(progress, e), start);
const first = (status: CaseProgress['status']): CaseProgress => ({ status, round: 1 });

describe('public case status', () => {
  it('follows the loop reported → dispatched → acknowledged → resolved → closed', () => {
    expect(statusAfter(first('reported'), event('case.dispatched', 1), event('case.acknowledged'), event('case.resolved'), event('case.closed'))).toEqual(first('closed'));
  });

  it('ends a case the lead cannot fix as unfixable, never resolved, and reads version 1 of case.resolved as a fix', () => {
    const unfixable = { type: 'case.resolved' as const, payload: { outcome: 'cannot_fix' } };
    expect(statusAfter(first('reported'), event('case.dispatched', 1), event('case.acknowledged'), unfixable)).toEqual(first('unfixable'));
    expect(statusAfter(first('unfixable'), event('case.closed'))).toEqual(first('closed'));
    expect(nextProgress(first('acknowledged'), { type: 'case.resolved', payload: { outcome: 'fixed' } })).toEqual(first('resolved'));
    expect(nextProgress(first('acknowledged'), event('case.resolved'))).toEqual(first('resolved'));
  });

  it('never moves back within a round when events from different topics arrive out of order', () => {
    expect(nextProgress(first('acknowledged'), event('case.dispatched', 1))).toEqual(first('acknowledged'));
    expect(nextProgress(first('closed'), event('case.resolved'))).toEqual(first('closed'));
  });

  it('holds a case routing could not dispatch as awaiting triage until its dispatch', () => {
    expect(nextProgress(first('reported'), event('case.triage_required'))).toEqual(first('awaiting_triage'));
    expect(nextProgress(first('awaiting_triage'), event('case.dispatched', 2))).toEqual({ status: 'dispatched', round: 2 });
    expect(nextProgress(first('dispatched'), event('case.triage_required'))).toEqual(first('dispatched'));
  });

  it('shows a return, the re-route that follows it, and a wait for the ruling', () => {
    const returned = statusAfter(first('reported'), event('case.dispatched', 1), event('case.returned', 1));
    expect(returned).toEqual(first('returned'));
    expect(nextProgress(returned, event('case.dispatched', 2))).toEqual({ status: 'dispatched', round: 2 });
    expect(statusAfter(returned, event('case.dispatched', 2), event('case.returned', 2), event('case.arbitration_required'))).toEqual({
      status: 'awaiting_arbitration',
      round: 2,
    });
    // A late return of round 1 after the re-route changes nothing.
    expect(nextProgress({ status: 'dispatched', round: 2 }, event('case.returned', 1))).toEqual({ status: 'dispatched', round: 2 });
  });

  it('ends in the latest round seen, whatever order the rounds arrive in', () => {
    const anyEvent = fc.oneof(
      fc.record({ type: fc.constantFrom<EventType>('case.dispatched', 'case.returned'), payload: fc.record({ round: fc.integer({ min: 1, max: 5 }) }) }),
      fc.record({ type: fc.constantFrom<EventType>('case.acknowledged', 'case.arbitration_required', 'case.graded'), payload: fc.constant({}) }),
    );
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 20 }), (events) => {
        const end = events.reduce((progress, e) => nextProgress(progress, e), first('reported'));
        const rounds = events.map((e) => (e.payload as { round?: number }).round ?? 1);
        expect(end.round).toBe(Math.max(1, ...rounds));
        expect(CASE_STATUSES).toContain(end.status);
      }),
    );
  });

  it('keeps the status for events that only add to the timeline', () => {
    expect(nextProgress(first('resolved'), event('case.graded'))).toEqual(first('resolved'));
  });
});
