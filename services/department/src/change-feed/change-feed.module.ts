import { Module } from '@nestjs/common';
import { ChangeFeedController } from './change-feed.controller';
import { ChangeFeedReader } from './change-feed.reader';
import { ChangeFeedWriter } from './change-feed.writer';

@Module({
  controllers: [ChangeFeedController],
  providers: [ChangeFeedReader, ChangeFeedWriter],
  exports: [ChangeFeedReader, ChangeFeedWriter],
})
export class ChangeFeedModule {}
