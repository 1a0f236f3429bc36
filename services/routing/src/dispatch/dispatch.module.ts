import { Module } from '@nestjs/common';
import { CaseReportedHandler } from './case-reported.handler';
import { DispatchService } from './dispatch.service';

@Module({ controllers: [CaseReportedHandler], providers: [DispatchService] })
export class DispatchModule {}
