import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@gridwhistle/messaging';
import { DeadlineTimers } from './deadline-timers';

export const DEADLINE_POLL = Symbol('DEADLINE_POLL');

export interface DeadlinePollOptions {
  intervalMs: number;
  batchSize: number;
  /** The time it is; tests pass a clock of their own. */
  now: () => Date;
}

/** Fires due timers every `intervalMs` on every routing instance; an outage only delays the next poll. */
@Injectable()
export class DeadlinePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeadlinePoller.name);
  private readonly timers: DeadlineTimers;
  private interval?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(@InjectDataSource() dataSource: DataSource, outbox: OutboxWriter, @Inject(DEADLINE_POLL) private readonly options: DeadlinePollOptions) {
    this.timers = new DeadlineTimers(dataSource, outbox);
  }

  /** Idempotent: a hybrid Nest app runs bootstrap hooks for the HTTP app and the microservice. */
  onApplicationBootstrap(): void {
    this.interval ??= setInterval(() => this.tick(), this.options.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.interval);
    await this.polling;
  }

  /** Fires every timer due now, batch by batch. */
  async poll(): Promise<void> {
    while ((await this.timers.fireDue(this.options.now(), this.options.batchSize)) === this.options.batchSize);
  }

  private tick(): void {
    if (this.polling) return;
    this.polling = this.poll()
      .catch((error) => this.logger.warn(`deadline poll failed, will retry: ${error.message}`))
      .finally(() => (this.polling = undefined));
  }
}
