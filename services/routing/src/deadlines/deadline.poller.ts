import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Periodic } from '../periodic';
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
  private readonly timers: DeadlineTimers;
  private readonly periodic: Periodic;

  constructor(@InjectDataSource() dataSource: DataSource, outbox: OutboxWriter, @Inject(DEADLINE_POLL) private readonly options: DeadlinePollOptions) {
    this.timers = new DeadlineTimers(dataSource, outbox);
    this.periodic = new Periodic('deadline poll', () => this.poll(), options.intervalMs, new Logger(DeadlinePoller.name));
  }

  onApplicationBootstrap(): void {
    this.periodic.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.periodic.stop();
  }

  /** Fires every timer due now, batch by batch. */
  async poll(): Promise<void> {
    while ((await this.timers.fireDue(this.options.now(), this.options.batchSize)) === this.options.batchSize);
  }
}
