import { DynamicModule, Global, Module } from '@nestjs/common';
import { CaseProgressHandler } from './case-progress.handler';
import { DeadlineClocksService } from './deadline-clocks.service';
import { DeadlineMetrics } from './deadline.metrics';
import { DEADLINE_POLL, DeadlinePollOptions, DeadlinePoller } from './deadline.poller';
import { ClockRequestsHandler } from './clock-requests.handler';
import { ClockRequestsService } from './clock-requests.service';
import { ExtensionDecisionsController } from './extension-decisions.controller';
import { ExtensionDecisionsService } from './extension-decisions.service';

/** Durable deadlines: the clocks of each case, their timers, the supervision ladder, and the units' extensions and pauses. */
@Global()
@Module({})
export class DeadlinesModule {
  static register(poll: DeadlinePollOptions): DynamicModule {
    return {
      module: DeadlinesModule,
      controllers: [CaseProgressHandler, ClockRequestsHandler, ExtensionDecisionsController],
      providers: [DeadlineClocksService, ClockRequestsService, ExtensionDecisionsService, DeadlineMetrics, DeadlinePoller, { provide: DEADLINE_POLL, useValue: poll }],
      exports: [DeadlineClocksService],
    };
  }
}
