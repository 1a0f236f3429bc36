import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Problem } from '@gridwhistle/platform';
import { RunningDirectory } from '../directory/directory.store';
import { CLOCK_COLUMNS, ClockRow } from './case-clocks';
import { dueOf } from './clock-rows';
import { EXTENSION_COLUMNS, ExtensionRow, extendClock } from './clock-extensions';
import { ExtensionDto } from './extension-decision.dto';

export type ExtensionDecision = 'grant' | 'refuse';
const STATE_OF: Record<ExtensionDecision, ExtensionRow['state']> = { grant: 'granted', refuse: 'refused' };

/** The command centre decides the extensions beyond the policy (超出自动延期范围的延期申请). */
@Injectable()
export class ExtensionDecisionsService {
  private readonly directory = new RunningDirectory();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async pending(): Promise<{ extensions: ExtensionDto[] }> {
    const rows: ExtensionRow[] = await this.dataSource.query(`SELECT ${EXTENSION_COLUMNS} FROM routing.clock_extensions e WHERE e.state = 'pending' ORDER BY e.id LIMIT 500`);
    return { extensions: rows.map(view) };
  }

  /**
   * Grants or refuses the case's latest extension request. Deciding it again the same way
   * answers with it as it stands; deciding otherwise, or on a clock that stopped, is a conflict.
   */
  async decide(caseId: string, operatorCode: string, decision: ExtensionDecision, reason: string): Promise<ExtensionDto> {
    return this.dataSource.transaction(async (manager) => {
      const [request]: ExtensionRow[] = await manager.query(`SELECT ${EXTENSION_COLUMNS} FROM routing.clock_extensions e WHERE e.case_id = $1 ORDER BY e.id DESC LIMIT 1 FOR UPDATE`, [
        caseId,
      ]);
      if (!request) throw new NotFoundException(`no extension was asked for on case ${caseId}`);
      if (request.state !== 'pending') {
        if (request.state === STATE_OF[decision] && request.decidedBy === 'command_centre') return view(request);
        throw new Problem(409, 'conflict', `the extension of case ${caseId} was already ${request.state} by the ${request.decidedBy === 'policy' ? 'policy' : 'command centre'}`, {
          currentState: request.state,
        });
      }
      const [clock]: ClockRow[] = await manager.query(`SELECT ${CLOCK_COLUMNS} FROM routing.case_clocks c WHERE c.id = $1 AND c.stopped_at IS NULL FOR UPDATE`, [request.clockId]);
      if (decision === 'grant' && !clock) throw new Problem(409, 'conflict', `the resolve clock of case ${caseId} no longer runs: nothing to extend`, { currentState: request.state });
      const decided: ExtensionRow = { ...request, state: STATE_OF[decision], decidedBy: 'command_centre', operatorCode, decisionReason: reason, decidedAt: new Date() };
      await manager.query(`UPDATE routing.clock_extensions SET state = $2, decided_by = $3, operator_code = $4, decision_reason = $5, decided_at = $6 WHERE id = $1`, [
        request.id,
        decided.state,
        decided.decidedBy,
        operatorCode,
        reason,
        decided.decidedAt,
      ]);
      const unit = { unitCode: request.unitCode, round: request.round };
      const options = { occurredAt: decided.decidedAt!, trace: clock?.traceparent ? { traceparent: clock.traceparent } : undefined };
      if (decision === 'refuse') {
        await this.outbox.add(manager, createEvent('case.extension_refused', caseId, { ...unit, decidedBy: 'command_centre', reason }, options));
      } else {
        const directory = (await this.directory.get(manager))!;
        await extendClock(manager, directory, clock, request.until.getTime());
        const dueAt = dueOf(directory, clock);
        await this.outbox.add(
          manager,
          createEvent('case.extension_granted', caseId, { ...unit, dueAt: new Date(dueAt ?? request.until.getTime()).toISOString(), decidedBy: 'command_centre' }, options),
        );
      }
      return view(decided);
    });
  }
}

function view(e: ExtensionRow): ExtensionDto {
  return {
    caseId: e.caseId,
    unitCode: e.unitCode,
    round: e.round,
    until: e.until.toISOString(),
    reason: e.reason,
    state: e.state,
    decidedBy: e.decidedBy,
    operatorCode: e.operatorCode,
    decisionReason: e.decisionReason,
    requestedAt: e.requestedAt.toISOString(),
    decidedAt: e.decidedAt?.toISOString() ?? null,
  };
}
