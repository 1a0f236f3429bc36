import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { DecisionRecordEntity } from '../decisions/decision-record.entity';
import { RoutingDecision } from '../decisions/routing-decision';
import { RunningDirectory } from '../directory/directory.store';
import { DeadlineClocksService } from '../deadlines/deadline-clocks.service';
import { DispatchEntity } from './dispatch.entity';
import { dispatchedEvent } from './dispatch.event';

/**
 * Every decision after a case's first moves it to its next round (a re-route after a return, a
 * manual dispatch, a ruling, a command-centre re-route) or holds it for a ruling; each is put
 * into effect, recorded and announced in the caller's transaction.
 */
@Injectable()
export class CaseRounds {
  private readonly directory = new RunningDirectory();

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly clocks: DeadlineClocksService,
  ) {}

  /** The case's dispatch row, locked until the caller's transaction ends; null when routing never heard of the case. */
  lock(manager: EntityManager, caseId: string): Promise<DispatchEntity | null> {
    return manager.findOne(DispatchEntity, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Puts `decision` into effect on the case of `row` (its returners as they now stand); answers the row as it is after. */
  async advance(manager: EntityManager, row: DispatchEntity, decision: RoutingDecision, decidedAt = new Date()): Promise<DispatchEntity> {
    let changes: Partial<DispatchEntity>;
    let event: EventEnvelope;
    if (decision.outcome === 'dispatched') {
      const round = row.round + 1;
      const found = { ...row, description: row.description! };
      const dispatched = dispatchedEvent(found, decision, round, decidedAt, await this.directory.get(manager));
      event = dispatched.event;
      changes = { outcome: 'dispatched', departmentCode: decision.lead!.code, dueAt: dispatched.dueAt, round, returnable: decision.returnable !== false };
    } else {
      const reason = decision.rule as 'return_limit' | 'jurisdiction_dispute' | 'no_candidate_left';
      const trace = row.traceparent ? { traceparent: row.traceparent } : undefined;
      const returns = { returns: row.returnedBy.length, returnedBy: row.returnedBy };
      event = createEvent('case.arbitration_required', row.caseId, { reason, ...returns }, { trace, occurredAt: decidedAt });
      changes = { outcome: 'awaiting_arbitration', departmentCode: null, dueAt: null };
    }
    changes = { ...changes, decidedAt, directoryVersion: decision.directoryVersion, returnedBy: row.returnedBy };
    await manager.update(DispatchEntity, { caseId: row.caseId }, changes);
    await manager.insert(DecisionRecordEntity, { caseId: row.caseId, decidedAt, directoryVersion: decision.directoryVersion, rule: decision.rule, record: decision });
    await this.outbox.add(manager, event);
    // The new lead's clocks start afresh; the earlier round's stop.
    if (decision.outcome === 'dispatched') await this.clocks.dispatched(manager, [{ caseId: row.caseId, decidedAt, record: decision, traceparent: row.traceparent }]);
    return { ...row, ...changes };
  }
}
