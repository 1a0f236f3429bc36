import { Module } from '@nestjs/common';
import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';
import { CaseResolvedHandler } from './case-resolved.handler';

@Module({ controllers: [CallbacksController, CaseResolvedHandler], providers: [CallbacksService] })
export class CallbacksModule {}
