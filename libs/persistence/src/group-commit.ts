interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: calls that arrive while a write is in flight wait for it and are then written
 * together, so that under load many calls share one transaction and its round trips, while
 * a lone call still goes straight through (intake's reports, the inbox's Kafka batches). If a shared write fails, its items are written
 * again one by one, so that each call gets its own answer.
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
      try {
        const results = await this.write(batch.map((waiting) => waiting.item));
        batch.forEach((waiting, i) => waiting.resolve(results[i]));
      } catch (error) {
        if (batch.length === 1) batch[0].reject(error);
        else for (const waiting of batch) await this.write([waiting.item]).then(([result]) => waiting.resolve(result), waiting.reject);
      }
    }
    this.writing = false;
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
