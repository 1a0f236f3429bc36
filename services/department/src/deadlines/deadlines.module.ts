import { Module } from '@nestjs/common';
import { CaseDeadlinesController } from './case-deadlines.controller';
import { CaseDeadlinesService } from './case-deadlines.service';
import { DeadlineNewsHandler } from './deadline-news.handler';
import { DeadlineNewsService } from './deadline-news.service';

/** A unit's deadlines: what routing announces of them, and the lead's extensions, pauses and first contact. */
@Module({ controllers: [CaseDeadlinesController, DeadlineNewsHandler], providers: [CaseDeadlinesService, DeadlineNewsService] })
export class DeadlinesModule {}
