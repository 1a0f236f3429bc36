import { Module } from '@nestjs/common';
import { CaseReturnsController } from './case-returns.controller';
import { CaseReturnsService } from './case-returns.service';

@Module({ controllers: [CaseReturnsController], providers: [CaseReturnsService] })
export class ReturnsModule {}
