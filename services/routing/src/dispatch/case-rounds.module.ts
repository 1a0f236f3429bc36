import { Module } from '@nestjs/common';
import { CaseRounds } from './case-rounds.service';

/** What the features that move a case after its first dispatch share: returns, the command centre. */
@Module({ providers: [CaseRounds], exports: [CaseRounds] })
export class CaseRoundsModule {}
