import { Percentiles, percentiles } from './percentiles';

/**
 * When each request of an open-loop run is due: request i at i / rate seconds after the
 * start, whatever happened to the earlier ones.
 */
export class FixedRateSchedule {
  readonly total: number;

  constructor(
    readonly ratePerSecond: number,
    readonly durationMs: number,
  ) {
    if (!(ratePerSecond > 0) || !(durationMs > 0)) throw new Error('an open loop needs a positive rate and duration');
    this.total = Math.floor((ratePerSecond * durationMs) / 1000);
  }

  /** Milliseconds after the start at which request i is due. */
  dueAt(i: number): number {
    return (i * 1000) / this.ratePerSecond;
  }

  /** How many requests are due `elapsedMs` after the start (request 0 is due at once). */
  dueBy(elapsedMs: number): number {
    if (elapsedMs < 0) return 0;
    // The epsilon keeps dueBy(dueAt(i)) from losing request i to a rounding error.
    return Math.min(this.total, Math.floor((elapsedMs * this.ratePerSecond) / 1000 + 1e-9) + 1);
  }
}

export interface OpenLoopPacing {
  /** The clock reading (ms) at which request 0 was due. */
  startedAt: number;
  sent: number;
  /** How late the client itself sent requests: if this grows, the client, not the system, limited the run. */
  lagMs: Percentiles & { max: number };
}

/**
 * Calls `send(i, dueAt)` for every request of the schedule at its due time and never waits
 * for an answer, so that a slow system cannot slow the arrivals and hide its own delay
 * (coordinated omission): latencies are measured from `dueAt`, not from when the client got
 * round to sending. Wakes for each due time and sends whatever has fallen due since.
 */
export function runOpenLoop(
  schedule: FixedRateSchedule,
  send: (i: number, dueAt: number) => void,
  clock: () => number = () => performance.now(),
): Promise<OpenLoopPacing> {
  const lags = new Float64Array(schedule.total);
  const startedAt = clock();
  let next = 0;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        const elapsed = clock() - startedAt;
        for (const due = schedule.dueBy(elapsed); next < due; next++) {
          lags[next] = elapsed - schedule.dueAt(next);
          send(next, startedAt + schedule.dueAt(next));
        }
        if (next >= schedule.total) {
          resolve({ startedAt, sent: next, lagMs: { ...percentiles(lags), max: Math.max(0, ...lags) } });
          return;
        }
        setTimeout(tick, Math.max(0, schedule.dueAt(next) - (clock() - startedAt)));
      } catch (error) {
        reject(error);
      }
    };
    tick();
  });
}
