import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Periodic } from '../periodic';
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
  private readonly periodic: Periodic;

  constructor(
    private readonly dispatch: DispatchService,
    @Inject(TRIAGE_SWEEP) private readonly options: TriageSweepOptions,
  ) {
    this.periodic = new Periodic('triage sweep', () => this.sweep(), options.intervalMs, new Logger(TriageSweeper.name));
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Examines every case awaiting triage with the running directory, batch by batch. */
  async sweep(): Promise<void> {
    for (;;) {
      if ((await this.dispatch.dispatchAwaitingTriage(this.options.batchSize)).examined < this.options.batchSize) return;
    }
  }
}
