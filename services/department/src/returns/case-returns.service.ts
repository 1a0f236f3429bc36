import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { DepartmentCaseEntity } from '../cases/department-case.entity';
import { DepartmentCaseDto } from '../cases/department-case.dto';
import { conflict, view } from '../cases/department-cases.service';
import { ReturnCaseDto } from './case-return.dto';

/** The lead of a dispatch round gives the case back (退单): routing then sends it on, or to the command centre. */
@Injectable()
export class CaseReturnsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  /**
   * Returns the unit's case and records case.returned in the same transaction. A repeat with
   * the same reason and basis answers with the case as it is; with others it is a conflict.
   */
  async return(unitCode: string, caseId: string, { reasonCode, basis }: ReturnCaseDto, now = new Date()): Promise<DepartmentCaseDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(DepartmentCaseEntity, { where: { caseId, departmentCode: unitCode }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundException(`no case ${caseId} for your department`);
      if (found.status === 'returned') {
        if (found.returnReason === reasonCode && found.returnBasis === basis) return view(found);
        throw conflict(found, `case ${caseId} was already returned with another reason or basis`);
      }
      refuseIfNotReturnable(found, now);
      const changes = { status: 'returned' as const, returnedAt: now, returnReason: reasonCode, returnBasis: basis };
      await manager.update(DepartmentCaseEntity, { caseId, departmentCode: unitCode }, changes);
      const trace = found.traceparent ? { traceparent: found.traceparent } : undefined;
      await this.outbox.add(manager, createEvent('case.returned', caseId, { unitCode, round: found.round, reasonCode, basis }, { trace, occurredAt: now }));
      return view({ ...found, ...changes });
    });
  }
}

/** Only the lead of the current round returns a case, while it works on it, if the dispatch allows it and in time. */
function refuseIfNotReturnable(c: DepartmentCaseEntity, now: Date): void {
  if (c.role !== 'lead') throw conflict(c, `case ${c.caseId} is returned by its lead unit: your unit is ${c.role === 'assistant' ? 'assisting' : 'copied'}`);
  if (c.status !== 'dispatched' && c.status !== 'acknowledged') throw conflict(c, `case ${c.caseId} is ${c.status}: it can no longer be returned`);
  if (!c.returnable) throw conflict(c, `case ${c.caseId} was designated to your unit by the command centre's ruling (or dispatched before returns existed): it cannot be returned`);
  if (c.returnableUntil && now > c.returnableUntil) {
    throw conflict(c, `the return window of case ${c.caseId} ended at ${c.returnableUntil.toISOString()}: it can no longer be returned`);
  }
}
