import { Global, Module } from '@nestjs/common';
import { ChangeFeedModule } from '../change-feed/change-feed.module';
import { CaseActionRunner } from './case-action.runner';

/** The one way every feature acts on a case (cases, joint handling, returns, notes, cannot-fix). */
@Global()
@Module({ imports: [ChangeFeedModule], providers: [CaseActionRunner], exports: [CaseActionRunner] })
export class CaseActionsModule {}
