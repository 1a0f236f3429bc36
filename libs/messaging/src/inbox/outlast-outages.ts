import { EachBatchPayload } from 'kafkajs';
import { TransientFailures } from './failure';

/** What the consumer lets a batch handler do while it waits. */
export type BatchControl = Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale'>;

export const DONE = Symbol('done');
/** The work was left unfinished: the consumer is stopping, or the partition went to another member. */
export const STOPPED = Symbol('stopped');

const FIRST_WAIT_MS = 100;
const LONGEST_WAIT_MS = 1000;

/**
 * Runs `work` until it succeeds or fails for a reason of its own. A transient failure is not
 * the work's: it waits, heartbeating so that the partition stays with this member, until the
 * database answers again, and runs the work again, however long the outage lasts.
 */
export async function outlastOutages(
  work: () => Promise<unknown>,
  failures: TransientFailures,
  { heartbeat, isRunning, isStale }: BatchControl,
  onOutage: (error: unknown) => void,
): Promise<typeof DONE | typeof STOPPED | { failure: unknown }> {
  for (;;) {
    try {
      await work();
      return DONE;
    } catch (error) {
      if (!(await failures.isTransient(error))) return { failure: error };
      onOutage(error);
      for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
        await sleep(wait);
        await heartbeat();
        if (!isRunning() || isStale()) return STOPPED;
        if (await failures.databaseAnswers()) break;
      }
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
