/**
 * Runs a piece of work every interval, never two runs at once, and logs a failed run instead of
 * stopping: the work's state lives in the database, so the next run picks up where it failed.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly what: string,
    private readonly intervalMs: number,
    private readonly describe: (error: unknown) => string,
  ) {}

  start(work: () => Promise<unknown>, warn: (message: string) => void): void {
    this.timer = setInterval(() => {
      this.running ??= work()
        .catch((error) => warn(`${this.what} failed, retried in ${this.intervalMs / 1000} s: ${this.describe(error)}`))
        .finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
