import { DynamicModule, Global, Module } from '@nestjs/common';
import { CaseProgressHandler } from './case-progress.handler';
import { DeadlineClocksService } from './deadline-clocks.service';
import { DeadlineMetrics } from './deadline.metrics';
import { DEADLINE_POLL, DeadlinePollOptions, DeadlinePoller } from './deadline.poller';

/** Durable deadlines: the clocks of each case, their timers and the supervision ladder. */
@Global()
@Module({})
export class DeadlinesModule {
  static register(poll: DeadlinePollOptions): DynamicModule {
    return {
      module: DeadlinesModule,
      controllers: [CaseProgressHandler],
      providers: [DeadlineClocksService, DeadlineMetrics, DeadlinePoller, { provide: DEADLINE_POLL, useValue: poll }],
      exports: [DeadlineClocksService],
    };
  }
}
