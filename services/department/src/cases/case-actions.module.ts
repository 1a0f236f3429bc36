import { Global, Module } from '@nestjs/common';
import { CaseActionRunner } from './case-action.runner';

/** The one way every feature acts on a case (cases, joint handling, returns, notes, cannot-fix). */
@Global()
@Module({ providers: [CaseActionRunner], exports: [CaseActionRunner] })
export class CaseActionsModule {}
