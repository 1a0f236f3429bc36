import { Module } from '@nestjs/common';
import { CaseUnfixableController } from './case-unfixable.controller';
import { CaseUnfixableService } from './case-unfixable.service';

@Module({ controllers: [CaseUnfixableController], providers: [CaseUnfixableService] })
export class UnfixableModule {}
