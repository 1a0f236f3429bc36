import { Injectable } from '@nestjs/common';
import { createEvent } from '@gridwhistle/contracts';
import { CaseActionRunner, traceOf } from '../cases/case-action.runner';
import { view } from '../cases/case-view';

/**
 * The lead closes a case as "cannot be fixed": its own outcome, never counted as fixed. It
 * publishes case.resolved (version 2) with outcome `cannot_fix` and the reason as resolution,
 * so that the clocks stop and the resident is called back about the reason.
 */
@Injectable()
export class CaseUnfixableService {
  constructor(private readonly actions: CaseActionRunner) {}

  async cannotFix(unitCode: string, caseId: string, reason: string, ifMatch?: string) {
    const closed = await this.actions.run(unitCode, caseId, {
      action: 'cannot-fix',
      ifMatch,
      text: reason,
      sameAs: (found) => found.outcome === 'cannot_fix' && found.resolution === reason,
      changes: (now) => ({ resolvedAt: now, resolution: reason, outcome: 'cannot_fix' }),
      event: (found, now) =>
        createEvent('case.resolved', caseId, { departmentCode: unitCode, resolution: reason, outcome: 'cannot_fix', evidence: [] }, { trace: traceOf(found), occurredAt: now }),
    });
    return view(closed);
  }
}
