import { Injectable } from '@nestjs/common';
import { createEvent } from '@gridwhistle/contracts';
import { DepartmentCaseDto } from '../cases/department-case.dto';
import { CaseActionRunner, traceOf } from '../cases/case-action.runner';
import { view } from '../cases/case-view';
import { ReturnCaseDto } from './case-return.dto';

/**
 * The lead of a dispatch round gives the case back (退单): routing then sends it on, or to the
 * command centre. The state machine allows it while the lead works on it, if the dispatch
 * allows returns and within the return window.
 */
@Injectable()
export class CaseReturnsService {
  constructor(private readonly actions: CaseActionRunner) {}

  /**
   * Returns the unit's case and records case.returned in the same transaction. A repeat with
   * the same reason and basis answers with the case as it is; with others it is a conflict.
   */
  async return(unitCode: string, caseId: string, { reasonCode, basis }: ReturnCaseDto, now = new Date(), ifMatch?: string): Promise<DepartmentCaseDto> {
    const returned = await this.actions.run(unitCode, caseId, {
      action: 'return',
      ifMatch,
      now,
      text: basis,
      sameAs: (found) => found.returnReason === reasonCode && found.returnBasis === basis,
      changes: (at) => ({ returnedAt: at, returnReason: reasonCode, returnBasis: basis }),
      event: (found, at) => createEvent('case.returned', caseId, { unitCode, round: found.round, reasonCode, basis }, { trace: traceOf(found), occurredAt: at }),
    });
    return view(returned);
  }
}
