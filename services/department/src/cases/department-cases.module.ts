import { Module } from '@nestjs/common';
import { DepartmentCasesController } from './department-cases.controller';
import { DepartmentCasesService } from './department-cases.service';
import { CaseEventsHandler } from './case-events.handler';
import { JointHandlingModule } from '../joint-handling/joint-handling.module';
import { TimelineModule } from '../timeline/timeline.module';
import { ChangeFeedModule } from '../change-feed/change-feed.module';
import { CaseFlowMetrics } from './case-flow.metrics';

@Module({
  imports: [JointHandlingModule, TimelineModule, ChangeFeedModule],
  controllers: [DepartmentCasesController, CaseEventsHandler],
  providers: [DepartmentCasesService, CaseFlowMetrics],
})
export class DepartmentCasesModule {}
