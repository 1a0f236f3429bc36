import { Module } from '@nestjs/common';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';
import { CaseEventsHandler } from './case-events.handler';

@Module({ controllers: [CallbacksController, CaseEventsHandler], providers: [CallbacksService] })
export class CallbacksModule {}
