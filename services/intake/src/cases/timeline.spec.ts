import { EventType } from '@gridwhistle/contracts';
import { supervisionOf } from './timeline';

const entry = (type: EventType, details: Record<string, string | number> = {}) => ({ type, details });

describe('the supervision a resident sees on a case', () => {
  it('climbs with the ladder and the register (挂账)', () => {
    const timeline = [entry('case.dispatched'), entry('case.supervised', { level: 'reminder' })];
    expect(supervisionOf([])).toBeNull();
    expect(supervisionOf(timeline)).toBe('reminder');
    expect(supervisionOf([...timeline, entry('case.supervised', { level: 'street' })])).toBe('street');
    expect(supervisionOf([...timeline, entry('case.registered_unresolved')])).toBe('register');
  });

  it('ends with a new dispatch, an extension or the resolution; a pause leaves it', () => {
    const chased = [entry('case.dispatched'), entry('case.supervised', { level: 'district' })];
    expect(supervisionOf([...chased, entry('case.paused', { pauseReason: 'waiting_requester' })])).toBe('district');
    for (const end of ['case.dispatched', 'case.extension_granted', 'case.resolved'] as EventType[]) expect(supervisionOf([...chased, entry(end)])).toBeNull();
  });
});
