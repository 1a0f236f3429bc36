import fc from 'fast-check';
import { nextAttemptAt, parseRetrySchedule, spanOf } from './webhook-retry.schedule';

describe('the webhook retry schedule', () => {
  it('reads durations and spans Standard Webhooks\u2019 schedule over more than a day', () => {
    const delays = parseRetrySchedule('5s,5m,30m,2h,5h,10h,10h');
    expect(delays).toEqual([5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]);
    expect(spanOf(delays) / 3_600_000).toBeCloseTo(27.6, 1);
    expect(parseRetrySchedule('250ms')).toEqual([250]);
    expect(() => parseRetrySchedule('5 minutes')).toThrow();
  });

  it('waits the scheduled delay within \u00b120%, and gives up after the last', () => {
    const delays = [1000, 60_000, 3_600_000];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempts, random) => {
        const now = new Date('2026-11-20T08:00:00Z');
        const wait = nextAttemptAt(delays, attempts, now, random)!.getTime() - now.getTime();
        expect(wait).toBeGreaterThanOrEqual(delays[attempts - 1] * 0.8);
        expect(wait).toBeLessThanOrEqual(delays[attempts - 1] * 1.2);
      }),
    );
    expect(nextAttemptAt(delays, 4, new Date())).toBeNull();
  });
});
