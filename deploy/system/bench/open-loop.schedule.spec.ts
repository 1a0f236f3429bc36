import { FixedRateSchedule, runOpenLoop } from './open-loop.schedule';

describe('FixedRateSchedule', () => {
  it('spaces requests evenly at the rate', () => {
    const schedule = new FixedRateSchedule(200, 60_000);
    expect(schedule.total).toBe(12_000);
    expect(schedule.dueAt(0)).toBe(0);
    expect(schedule.dueAt(1)).toBe(5);
    expect(schedule.dueAt(200)).toBe(1000);
  });

  it('counts request i as due exactly at its due time and not a moment before', () => {
    for (const rate of [1, 3, 7, 200, 333, 1500]) {
      const schedule = new FixedRateSchedule(rate, 2000);
      for (let i = 1; i < schedule.total; i++) {
        expect(schedule.dueBy(schedule.dueAt(i))).toBe(i + 1);
        expect(schedule.dueBy(schedule.dueAt(i) - 0.01)).toBe(i);
      }
    }
  });

  it('is done after the duration, however late the client looks', () => {
    const schedule = new FixedRateSchedule(10, 1000);
    expect(schedule.dueBy(-1)).toBe(0);
    expect(schedule.dueBy(0)).toBe(1);
    expect(schedule.dueBy(1_000_000)).toBe(10);
  });

  it('refuses a rate or duration of zero', () => {
    expect(() => new FixedRateSchedule(0, 1000)).toThrow(/positive/);
    expect(() => new FixedRateSchedule(100, 0)).toThrow(/positive/);
  });
});

describe('runOpenLoop', () => {
  it('keeps sending on schedule while no request has been answered', async () => {
    const schedule = new FixedRateSchedule(1000, 200);
    const dueTimes: number[] = [];
    const pending: Promise<never>[] = [];
    const began = performance.now();
    const pacing = await runOpenLoop(schedule, (i, dueAt) => {
      dueTimes[i] = dueAt;
      pending.push(new Promise<never>(() => undefined)); // the system never answers
    });
    expect(pacing.sent).toBe(200);
    expect(pending).toHaveLength(200);
    // It took the schedule's time, not less (a burst) and not forever (waiting for answers).
    expect(performance.now() - began).toBeGreaterThanOrEqual(199 - 1);
    // Every request carries the time it was due, not the time it happened to be sent.
    expect(dueTimes[150] - dueTimes[50]).toBeCloseTo(100, 6);
    expect(pacing.lagMs.max).toBeGreaterThanOrEqual(0);
  });

  it('sends at once whatever fell due while the client was held up, and says how late it was', async () => {
    const schedule = new FixedRateSchedule(100, 100); // 10 requests, 10 ms apart
    let heldUp = 0;
    const clock = () => performance.now() + heldUp;
    const sentAt: number[] = [];
    const pacing = await runOpenLoop(
      schedule,
      (i) => {
        sentAt[i] = clock();
        if (i === 0) heldUp = 45; // the client stalls for 45 ms right after the first request
      },
      clock,
    );
    expect(pacing.sent).toBe(10);
    // Requests 1 to 4 (due at 10, 20, 30, 40 ms) went out together, in one catch-up.
    const catchUp = sentAt.slice(1, 5);
    expect(Math.max(...catchUp) - Math.min(...catchUp)).toBeLessThan(2);
    expect(sentAt[1] - pacing.startedAt).toBeGreaterThanOrEqual(45);
    expect(pacing.lagMs.max).toBeGreaterThanOrEqual(35);
  });
});
