import { Module } from '@nestjs/common';
import { CaseTimelineService } from './case-timeline.service';

@Module({ providers: [CaseTimelineService], exports: [CaseTimelineService] })
export class TimelineModule {}
