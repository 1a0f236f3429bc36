import { Module } from '@nestjs/common';
import { AnswersModule } from '../answers/answers.module';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';
import { CaseEventsHandler } from './case-events.handler';

@Module({ imports: [AnswersModule], controllers: [CallbacksController, CaseEventsHandler], providers: [CallbacksService] })
export class CallbacksModule {}
