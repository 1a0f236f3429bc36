import { DynamicModule, Module } from '@nestjs/common';
import { CaseReportedHandler } from './case-reported.handler';
import { DispatchService } from './dispatch.service';
import { AwaitingTriageMetrics } from './awaiting-triage.metrics';
import { GridMetrics } from '../directory/grid.metrics';
import { TRIAGE_SWEEP, TriageSweepOptions, TriageSweeper } from './triage.sweeper';

@Module({})
export class DispatchModule {
  static register(sweep: TriageSweepOptions): DynamicModule {
    return {
      module: DispatchModule,
      controllers: [CaseReportedHandler],
      providers: [DispatchService, AwaitingTriageMetrics, GridMetrics, TriageSweeper, { provide: TRIAGE_SWEEP, useValue: sweep }],
    };
  }
}
