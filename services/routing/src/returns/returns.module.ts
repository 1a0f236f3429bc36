import { Module } from '@nestjs/common';
import { CaseRoundsModule } from '../dispatch/case-rounds.module';
import { CaseReturnedHandler } from './case-returned.handler';
import { ReturnsService } from './returns.service';

@Module({ imports: [CaseRoundsModule], controllers: [CaseReturnedHandler], providers: [ReturnsService] })
export class ReturnsModule {}
