import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DecisionRecordEntity } from '../decisions/decision-record.entity';
import { CaseRoutingDto } from './case-routing.dto';
import { explainAlternative, explainDecision } from './routing-explanation';

/** A case's routing history, from the decisions routing recorded. */
@Injectable()
export class CaseRoutingService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async history(caseId: string): Promise<CaseRoutingDto> {
    const records = await this.dataSource.getRepository(DecisionRecordEntity).find({ where: { caseId }, order: { id: 'ASC' } });
    if (records.length === 0) throw new NotFoundException(`routing has decided nothing on case ${caseId}`);
    return {
      caseId,
      history: records.map(({ decidedAt, record }) => ({
        decidedAt: decidedAt.toISOString(),
        outcome: record.outcome,
        rule: record.rule,
        explanation: explainDecision(record),
        directoryVersion: record.directoryVersion,
        categoryCode: record.inputs.categoryCode,
        gridCode: record.inputs.gridCode,
        catalogueItem: record.catalogueItem,
        basis: record.basis,
        lead: record.lead,
        assistants: record.assistants,
        copied: record.copied,
        alternatives: record.alternatives.map((alternative) => ({ ...alternative, explanation: explainAlternative(alternative) })),
        returnedBy: record.returns?.returnedBy ?? [],
        operatorCode: record.operator?.code ?? null,
        returnable: record.outcome === 'dispatched' && record.returnable !== false,
      })),
    };
  }
}
