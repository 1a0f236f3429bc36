import { Module } from '@nestjs/common';
import { DepartmentCasesController } from './department-cases.controller';
import { DepartmentCasesService } from './department-cases.service';
import { CaseEventsHandler } from './case-events.handler';
import { ChangeFeedModule } from '../change-feed/change-feed.module';

@Module({ imports: [ChangeFeedModule], controllers: [DepartmentCasesController, CaseEventsHandler], providers: [DepartmentCasesService] })
export class DepartmentCasesModule {}
