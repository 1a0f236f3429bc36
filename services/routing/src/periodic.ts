import { Logger } from '@nestjs/common';

/** Runs `work` every `intervalMs`, one run at a time; a failed run is logged and the next tick tries again. */
export class Periodic {
  private interval?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly what: string,
    private readonly work: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  /** Idempotent: a hybrid Nest app runs bootstrap hooks for the HTTP app and the microservice. */
  start(): void {
    this.interval ??= setInterval(() => this.tick(), this.intervalMs);
  }

  /** Stops ticking and waits for a run under way. */
  async stop(): Promise<void> {
    clearInterval(this.interval);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.work()
      .catch((error) => this.logger.warn(`${this.what} failed, will retry: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
