import { Module } from '@nestjs/common';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';
import { CaseReportedHandler } from './case-reported.handler';
import { CaseResolvedHandler } from './case-resolved.handler';

@Module({ controllers: [CallbacksController, CaseReportedHandler, CaseResolvedHandler], providers: [CallbacksService] })
export class CallbacksModule {}
