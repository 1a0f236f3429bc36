interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: calls that arrive while a write is in flight wait for it and are then written
 * together, so that under load many reports share one transaction and its round trips, while
 * a lone report still goes straight through. If a shared write fails, its items are written
 * again one by one, so that each call gets its own answer.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch: number,
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
      const batch = this.queue.splice(0, this.maxBatch);
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
}
