import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { TrackingController } from './tracking.controller';

@Module({ imports: [CasesModule], controllers: [TrackingController] })
export class TrackingModule {}
