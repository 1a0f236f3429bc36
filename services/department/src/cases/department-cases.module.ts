import { Module } from '@nestjs/common';
import { DepartmentCasesController } from './department-cases.controller';
import { DepartmentCasesService } from './department-cases.service';
import { CaseEventsHandler } from './case-events.handler';
import { JointHandlingModule } from '../joint-handling/joint-handling.module';

@Module({ imports: [JointHandlingModule], controllers: [DepartmentCasesController, CaseEventsHandler], providers: [DepartmentCasesService] })
export class DepartmentCasesModule {}
