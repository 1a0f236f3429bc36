import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReferenceModule } from '../reference/reference.module';
import { LocationsModule } from '../locations/locations.module';
import { CaseEntity } from './case.entity';
import { TimelineEntryEntity } from './timeline-entry.entity';
import { CasesController } from './cases.controller';
import { CasesService } from './cases.service';
import { CaseProgressHandler } from './case-progress.handler';
import { CaseProgressService } from './case-progress.service';
import { OpenCasesMetrics } from './open-cases.metrics';

@Module({
  imports: [TypeOrmModule.forFeature([CaseEntity, TimelineEntryEntity]), ReferenceModule, LocationsModule],
  controllers: [CasesController, CaseProgressHandler],
  providers: [CasesService, CaseProgressService, OpenCasesMetrics],
  exports: [CasesService],
})
export class CasesModule {}
