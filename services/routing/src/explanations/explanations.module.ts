import { Module } from '@nestjs/common';
import { CaseRoutingController } from './case-routing.controller';
import { CaseRoutingService } from './case-routing.service';

@Module({ controllers: [CaseRoutingController], providers: [CaseRoutingService] })
export class ExplanationsModule {}
