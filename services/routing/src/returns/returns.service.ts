import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@gridwhistle/contracts';
import { UnprocessableEventError } from '@gridwhistle/messaging';
import { reroute } from '../decisions/reroute.engine';
import { RunningDirectory } from '../directory/directory.store';
import { CaseRounds } from '../dispatch/case-rounds.service';

/** A returned case (退单) goes to its next unit, or to the command centre for a ruling. */
@Injectable()
export class ReturnsService {
  private readonly logger = new Logger(ReturnsService.name);
  private readonly directory = new RunningDirectory();

  constructor(private readonly rounds: CaseRounds) {}

  /**
   * Re-routes each returned case in the inbox transaction, in the order its returns came. A
   * return of an earlier round, or by a unit that no longer leads the case, is stale: the case
   * has moved on already, and it changes nothing. Returns are rare: one case at a time.
   */
  async reroute(manager: EntityManager, returned: EventEnvelope<'case.returned'>[]): Promise<void> {
    const directory = await this.directory.get(manager);
    for (const { caseId, payload } of returned) {
      const row = await this.rounds.lock(manager, caseId);
      // Only a unit routing dispatched the case to can return it: a case routing lacks is wrong, not early.
      if (!row) throw new UnprocessableEventError(`routing never heard of returned case ${caseId}`);
      if (row.outcome !== 'dispatched' || row.round !== payload.round || row.departmentCode !== payload.unitCode) {
        this.logger.log(`stale return of case ${caseId} (round ${payload.round}) ignored: the case has moved on`);
        continue;
      }
      const returnedBy = [...row.returnedBy, payload.unitCode];
      const facts = { categoryCode: row.categoryCode, gridCode: row.gridCode };
      const decision = reroute(directory, facts, { returnedBy, count: returnedBy.length, reasonCode: payload.reasonCode });
      await this.rounds.advance(manager, { ...row, returnedBy }, decision);
    }
  }
}
