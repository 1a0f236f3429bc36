interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** How a group commit treats failures of the infrastructure (the database away, a commit's outcome unknown). */
export interface TransientRetry {
  isTransient(error: unknown): Promise<boolean>;
  /** How long the same items are written again before their calls get the failure; 0: not at all. */
  withinMs: number;
}

type Attempt<R> = { results: R[] } | { error: unknown; transient: boolean };

const FIRST_PAUSE_MS = 100;
const LONGEST_PAUSE_MS = 1000;

/**
 * Group commit: calls that arrive while a write is in flight wait for it and are then written
 * together, so that under load many calls share one transaction and its round trips, while
 * a lone call still goes straight through (intake's reports, the inbox's Kafka batches). If a
 * shared write fails, its items are written again one by one, so that each call gets its own
 * answer. A transient failure says nothing about the items: they are written again together,
 * as they are (an item's ids were given before the first attempt, so a write whose commit did
 * succeed is found again, not repeated), for at most `retry.withinMs`.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private writing = false;

  /**
   * @param maxWeight what one write may hold, in the units of `weigh` (by default, items):
   *   keeps each statement under Postgres's 65,535 parameters and transactions short.
   */
  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxWeight: number,
    private readonly weigh: (item: T) => number = () => 1,
    private readonly retry?: TransientRetry,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    // Calls made in this turn of the event loop join the first write.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.fitting());
      const deadline = Date.now() + (this.retry?.withinMs ?? 0);
      const attempt = await this.attempt(batch.map((waiting) => waiting.item), deadline);
      if ('results' in attempt) batch.forEach((waiting, i) => waiting.resolve(attempt.results[i]));
      else if (batch.length === 1 || attempt.transient) batch.forEach((waiting) => waiting.reject(attempt.error));
      else {
        for (const waiting of batch) {
          const alone = await this.attempt([waiting.item], deadline);
          if ('results' in alone) waiting.resolve(alone.results[0]);
          else waiting.reject(alone.error);
        }
      }
    }
    this.writing = false;
  }

  /** Writes the items, again while the failure is transient and the deadline allows. */
  private async attempt(items: T[], deadline: number): Promise<Attempt<R>> {
    for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
      try {
        return { results: await this.write(items) };
      } catch (error) {
        const transient = (await this.retry?.isTransient(error)) ?? false;
        if (!transient || Date.now() + pause > deadline) return { error, transient };
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  /** How many queued items the next write takes: as many as fit, and always at least one. */
  private fitting(): number {
    let weight = 0;
    let count = 0;
    while (count < this.queue.length) {
      weight += this.weigh(this.queue[count].item);
      if (count > 0 && weight > this.maxWeight) break;
      count++;
    }
    return count;
  }
}
