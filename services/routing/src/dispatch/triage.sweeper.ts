import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DispatchService } from './dispatch.service';

export const TRIAGE_SWEEP = Symbol('TRIAGE_SWEEP');

export interface TriageSweepOptions {
  intervalMs: number;
  /** Cases dispatched per transaction. */
  batchSize: number;
}

/**
 * Dispatches cases awaiting triage once a directory version routes them:
 * every `intervalMs`, on every routing instance (DispatchService keeps them from taking the
 * same case). An outage only delays the next sweep.
 */
@Injectable()
export class TriageSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TriageSweeper.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly dispatch: DispatchService,
    @Inject(TRIAGE_SWEEP) private readonly options: TriageSweepOptions,
  ) {}

  /** Idempotent: a hybrid Nest app runs bootstrap hooks for the HTTP app and the microservice. */
  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => this.tick(), this.options.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }

  /** Examines every case awaiting triage with the running directory, batch by batch. */
  async sweep(): Promise<void> {
    for (;;) {
      if ((await this.dispatch.dispatchAwaitingTriage(this.options.batchSize)).examined < this.options.batchSize) return;
    }
  }

  private tick(): void {
    if (this.sweeping) return;
    this.sweeping = this.sweep()
      .catch((error) => this.logger.warn(`triage sweep failed, will retry: ${error.message}`))
      .finally(() => (this.sweeping = undefined));
  }
}
