import { nextStatus } from './case-status';

describe('public case status', () => {
  it('follows the loop reported → dispatched → acknowledged → resolved → closed', () => {
    expect(nextStatus('reported', 'case.dispatched')).toBe('dispatched');
    expect(nextStatus('dispatched', 'case.acknowledged')).toBe('acknowledged');
    expect(nextStatus('acknowledged', 'case.resolved')).toBe('resolved');
    expect(nextStatus('resolved', 'case.closed')).toBe('closed');
  });

  it('never moves back when events from different topics arrive out of order', () => {
    expect(nextStatus('acknowledged', 'case.dispatched')).toBe('acknowledged');
    expect(nextStatus('closed', 'case.resolved')).toBe('closed');
  });

  it('holds a case routing could not dispatch as awaiting triage until its dispatch', () => {
    expect(nextStatus('reported', 'case.triage_required')).toBe('awaiting_triage');
    expect(nextStatus('awaiting_triage', 'case.dispatched')).toBe('dispatched');
    expect(nextStatus('dispatched', 'case.triage_required')).toBe('dispatched');
  });

  it('keeps the status for events that only add to the timeline', () => {
    expect(nextStatus('resolved', 'case.graded')).toBe('resolved');
  });
});
