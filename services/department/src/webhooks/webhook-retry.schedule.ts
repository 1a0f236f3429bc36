/** Durations like `5s`, `30m`, `2h`, comma-separated. */
export const RETRY_SCHEDULE_PATTERN = /^\d+(ms|s|m|h)(,\d+(ms|s|m|h))*$/;

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The waits in milliseconds, the first before the second attempt. */
export function parseRetrySchedule(schedule: string): number[] {
  if (!RETRY_SCHEDULE_PATTERN.test(schedule)) throw new Error(`not a retry schedule: ${schedule}`);
  return schedule.split(',').map((step) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h)$/.exec(step)!;
    return Number(amount) * UNIT_MS[unit];
  });
}

/** How long the schedule keeps retrying, without jitter. */
export function spanOf(delays: number[]): number {
  return delays.reduce((sum, delay) => sum + delay, 0);
}

/**
 * When to try again after `attempts` failed attempts, or null when the schedule is spent.
 * Each wait is spread by ±20% (`random` in [0, 1)) so that the deliveries of an endpoint
 * that comes back do not all arrive at once.
 */
export function nextAttemptAt(delays: number[], attempts: number, now: Date, random: number = Math.random()): Date | null {
  const delay = delays[attempts - 1];
  if (delay === undefined) return null;
  return new Date(now.getTime() + Math.round(delay * (0.8 + 0.4 * random)));
}
