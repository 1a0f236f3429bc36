import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Problem } from '@gridwhistle/platform';
import { ManualAction, manualDecision } from '../decisions/manual.decision';
import { RunningDirectory } from '../directory/directory.store';
import { CaseRounds } from '../dispatch/case-rounds.service';
import { DispatchEntity, DispatchOutcome } from '../dispatch/dispatch.entity';
import { explainDecision } from '../explanations/routing-explanation';
import { ArbitrateCaseDto, AuditDto, CatalogueProposalDto, CommandCentreDecisionDto, ManualDispatchDto, QueueDto } from './command-centre.dto';

/** Which state of a case each action is for, and so what a case in a state allows. */
const ACTION_FOR: Record<ManualAction, DispatchOutcome> = { dispatch: 'awaiting_triage', arbitrate: 'awaiting_arbitration', reroute: 'dispatched' };

/** The command centre (指挥中心): its queue, its decisions on cases, and the audit of each. */
@Injectable()
export class CommandCentreService {
  private readonly directory = new RunningDirectory();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: CaseRounds,
  ) {}

  async queue(limit: number): Promise<QueueDto> {
    const rows: { caseId: string; waitingFor: DispatchOutcome; reason: string; waitingSince: Date; categoryCode: string; gridCode: string; returnedBy: string[] }[] =
      await this.dataSource.query(
        `SELECT d.case_id AS "caseId", d.outcome AS "waitingFor", latest.rule AS reason, d.decided_at AS "waitingSince",
                d.category_code AS "categoryCode", d.grid_code AS "gridCode", d.returned_by AS "returnedBy"
           FROM routing.dispatches d
           LEFT JOIN LATERAL (SELECT rule FROM routing.decisions r WHERE r.case_id = d.case_id ORDER BY r.id DESC LIMIT 1) latest ON true
          WHERE d.outcome IN ('awaiting_triage', 'awaiting_arbitration')
          ORDER BY d.decided_at, d.case_id
          LIMIT $1`,
        [limit],
      );
    return {
      cases: rows.map((row) => ({ ...row, reason: row.reason as never, waitingSince: row.waitingSince.toISOString(), returns: row.returnedBy.length })),
    };
  }

  dispatch(operatorCode: string, caseId: string, dto: ManualDispatchDto): Promise<CommandCentreDecisionDto> {
    return this.act(operatorCode, caseId, 'dispatch', { leadUnitCode: dto.leadUnitCode, assistingUnitCodes: dto.assistingUnitCodes, reason: dto.reason });
  }

  reroute(operatorCode: string, caseId: string, dto: ManualDispatchDto): Promise<CommandCentreDecisionDto> {
    return this.act(operatorCode, caseId, 'reroute', { leadUnitCode: dto.leadUnitCode, assistingUnitCodes: dto.assistingUnitCodes, reason: dto.reason });
  }

  arbitrate(operatorCode: string, caseId: string, dto: ArbitrateCaseDto): Promise<CommandCentreDecisionDto> {
    return this.act(operatorCode, caseId, 'arbitrate', { leadUnitCode: dto.unitCode, assistingUnitCodes: [], reason: dto.reason }, dto.catalogueProposal);
  }

  async audit(caseId: string): Promise<AuditDto> {
    const rows: { caseId: string; operatorCode: string; action: string; reason: string; actedAt: Date; details: Record<string, unknown> }[] = await this.dataSource.query(
      `SELECT case_id AS "caseId", operator_code AS "operatorCode", action, reason, acted_at AS "actedAt", details
         FROM routing.command_centre_audit WHERE case_id = $1 ORDER BY id`,
      [caseId],
    );
    return { entries: rows.map((row) => ({ ...row, actedAt: row.actedAt.toISOString() })) };
  }

  /** One decision of the command centre: checked, put into effect as the case's next round, audited, in one transaction. */
  private act(
    operatorCode: string,
    caseId: string,
    action: ManualAction,
    order: { leadUnitCode: string; assistingUnitCodes: string[]; reason: string },
    proposal?: CatalogueProposalDto,
  ): Promise<CommandCentreDecisionDto> {
    return this.dataSource.transaction(async (manager) => {
      const row = await this.rounds.lock(manager, caseId);
      if (!row) throw new NotFoundException(`routing has no case ${caseId}`);
      if (row.outcome !== ACTION_FOR[action]) throw conflict(row, action);
      const directory = await this.directory.get(manager);
      const facts = { categoryCode: row.categoryCode, gridCode: row.gridCode };
      const answer = manualDecision(directory, facts, { action, ...order, operatorCode, returnedBy: row.returnedBy });
      if ('refused' in answer) throw new Problem(422, 'unprocessable-entity', answer.refused);
      if (proposal && !(directory!.unit(proposal.leadUnitCode) && directory!.category(proposal.categoryCode))) {
        throw new Problem(422, 'unprocessable-entity', `the catalogue proposal names a unit or category that directory version ${directory!.version} does not have`);
      }
      const after = await this.rounds.advance(manager, row, answer.decision);
      const { decision } = answer;
      const { leadUnitCode, assistingUnitCodes } = order;
      const details = { leadUnitCode, assistingUnitCodes, round: after.round, ...(proposal ? { catalogueProposal: proposal } : {}) };
      await audit(manager, { caseId, operatorCode, action, reason: order.reason, details });
      if (proposal) {
        await manager.query(`INSERT INTO routing.catalogue_proposals (case_id, operator_code, directory_version, proposal) VALUES ($1, $2, $3, $4)`, [
          caseId,
          operatorCode,
          directory!.version,
          JSON.stringify(proposal),
        ]);
      }
      return {
        caseId,
        round: after.round,
        outcome: decision.outcome,
        rule: decision.rule,
        leadUnitCode: decision.lead!.code,
        assistingUnitCodes: decision.assistants.map((u) => u.code),
        copiedUnitCodes: decision.copied.map((u) => u.code),
        returnable: decision.returnable !== false,
        explanation: explainDecision(decision),
      };
    });
  }
}

function audit(manager: EntityManager, entry: { caseId: string; operatorCode: string; action: ManualAction; reason: string; details: object }): Promise<unknown> {
  return manager.query(`INSERT INTO routing.command_centre_audit (case_id, operator_code, action, reason, details) VALUES ($1, $2, $3, $4, $5)`, [
    entry.caseId,
    entry.operatorCode,
    entry.action,
    entry.reason,
    JSON.stringify(entry.details),
  ]);
}

/** 409 saying where the case is and which action it allows now. */
function conflict(row: DispatchEntity, action: ManualAction): Problem {
  const allowedActions = (Object.keys(ACTION_FOR) as ManualAction[]).filter((a) => ACTION_FOR[a] === row.outcome);
  return new Problem(409, 'conflict', `case ${row.caseId} is ${row.outcome}: it cannot be ${action === 'dispatch' ? 'dispatched by hand' : `${action}d`}`, {
    currentState: row.outcome,
    allowedActions,
  });
}
