import { Module } from '@nestjs/common';
import { ChangeFeedController } from './change-feed.controller';
import { ChangeFeedReader } from './change-feed.reader';
import { ChangeFeedWriter } from './change-feed.writer';
import { CaseGradedHandler } from './case-graded.handler';

@Module({
  controllers: [ChangeFeedController, CaseGradedHandler],
  providers: [ChangeFeedReader, ChangeFeedWriter],
  exports: [ChangeFeedReader, ChangeFeedWriter],
})
export class ChangeFeedModule {}
