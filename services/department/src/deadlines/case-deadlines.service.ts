import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Problem, ValidationProblem } from '@gridwhistle/platform';
import { DepartmentCaseEntity } from '../cases/department-case.entity';
import { CaseDeadlinesDto, FirstContactDto, PauseCaseDto, RequestExtensionDto } from './case-deadlines.dto';
import { CaseDeadlinesRow, DEADLINE_COLUMNS } from './case-deadlines.row';
import { deadlinesOf } from './case-deadlines.view';

/** A clock of a case the lead still handles may be acted on. */
const HANDLING = ['dispatched', 'acknowledged'];
/** A first contact told a little ahead of this server's clock is the caller's clock, not the future. */
const CLOCK_SKEW_MS = 60_000;

type Action = (found: DepartmentCaseEntity, deadlines: CaseDeadlinesRow, now: Date) => { changes?: Record<string, unknown>; event?: EventEnvelope };

/**
 * The lead unit's say on its deadlines: it asks for more time (延期), pauses the clocks while
 * the case waits on someone else and resumes them, and records its first contact with the
 * resident. Each change and its event commit together; a retry answers with the deadlines as they are.
 */
@Injectable()
export class CaseDeadlinesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(departmentCode: string, caseId: string): Promise<CaseDeadlinesDto> {
    const found = (await deadlinesOf(this.dataSource.manager, departmentCode, [caseId])).get(caseId);
    if (!found) throw new NotFoundException(`no case ${caseId} for your department`);
    return found;
  }

  requestExtension(departmentCode: string, caseId: string, dto: RequestExtensionDto): Promise<CaseDeadlinesDto> {
    return this.act(departmentCode, caseId, (found, d, now) => {
      const until = new Date(dto.until);
      if (d.extensionState === 'requested' || d.extensionState === 'referred') {
        if (d.extensionUntil?.getTime() === until.getTime() && d.extensionReason === dto.reason) return {};
        throw conflict(found, `an extension of case ${caseId} is already waiting for a decision`);
      }
      if (until <= now) throw new ValidationProblem([{ field: 'until', message: 'until must be in the future' }]);
      return {
        changes: { extension_state: 'requested', extension_until: until, extension_reason: dto.reason, extension_decision: null },
        event: createEvent('case.extension_requested', caseId, { unitCode: departmentCode, round: found.round, reason: dto.reason, until: until.toISOString() }, traced(found, now)),
      };
    });
  }

  pause(departmentCode: string, caseId: string, dto: PauseCaseDto): Promise<CaseDeadlinesDto> {
    return this.act(departmentCode, caseId, (found, d, now) => {
      if (d.pausedSince) {
        if (d.pauseReason === dto.reason) return {};
        throw conflict(found, `case ${caseId} is already paused, waiting on ${d.pauseReason}`);
      }
      return {
        changes: { paused_since: now, pause_reason: dto.reason, pause_note: dto.note ?? null, pauses: d.pauses + 1 },
        event: createEvent('case.paused', caseId, { unitCode: departmentCode, round: found.round, reason: dto.reason }, traced(found, now)),
      };
    });
  }

  resume(departmentCode: string, caseId: string): Promise<CaseDeadlinesDto> {
    return this.act(departmentCode, caseId, (found, d, now) => {
      if (!d.pausedSince) return {};
      return {
        changes: { paused_since: null, paused_ms: Number(d.pausedMs) + Math.max(0, now.getTime() - d.pausedSince.getTime()) },
        event: createEvent('case.resumed', caseId, { unitCode: departmentCode, round: found.round }, traced(found, now)),
      };
    });
  }

  firstContact(departmentCode: string, caseId: string, dto: FirstContactDto): Promise<CaseDeadlinesDto> {
    return this.act(departmentCode, caseId, (found, d, now) => {
      const at = new Date(dto.at);
      if (d.firstContactAt) {
        if (d.firstContactAt.getTime() === at.getTime()) return {};
        throw conflict(found, `the first contact on case ${caseId} was recorded before, at ${d.firstContactAt.toISOString()}`);
      }
      if (at.getTime() > now.getTime() + CLOCK_SKEW_MS || at < found.dispatchedAt) {
        throw new ValidationProblem([{ field: 'at', message: 'at must lie between the dispatch and now' }]);
      }
      return {
        changes: { first_contact_at: at, first_contact_channel: dto.channel, first_contact_note: dto.note ?? null },
        event: createEvent('case.first_contacted', caseId, { unitCode: departmentCode, round: found.round, contactedAt: at.toISOString(), channel: dto.channel }, traced(found, now)),
      };
    });
  }

  /** Runs an action on a case the calling unit leads and still handles, in one transaction with its event. */
  private act(departmentCode: string, caseId: string, action: Action): Promise<CaseDeadlinesDto> {
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(DepartmentCaseEntity, { where: { caseId, departmentCode }, lock: { mode: 'pessimistic_write' } });
      if (!found) throw new NotFoundException(`no case ${caseId} for your department`);
      if (found.role !== 'lead') throw conflict(found, `only the lead unit acts on the deadlines of case ${caseId}`);
      if (!HANDLING.includes(found.status)) throw conflict(found, `case ${caseId} is ${found.status}: its deadlines are no longer your unit's to change`);
      const deadlines = await lockDeadlines(manager, found);
      const { changes, event } = action(found, deadlines, new Date());
      if (changes) {
        const columns = Object.keys(changes);
        await manager.query(
          `UPDATE department.case_deadlines SET ${columns.map((c, i) => `${c} = $${i + 4}`).join(', ')} WHERE case_id = $1 AND department_code = $2 AND round = $3`,
          [caseId, departmentCode, found.round, ...Object.values(changes)],
        );
      }
      if (event) await this.outbox.add(manager, event);
      return (await deadlinesOf(manager, departmentCode, [caseId])).get(caseId)!;
    });
  }
}

async function lockDeadlines(manager: EntityManager, c: DepartmentCaseEntity): Promise<CaseDeadlinesRow> {
  const key = [c.caseId, c.departmentCode, c.round];
  await manager.query(`INSERT INTO department.case_deadlines (case_id, department_code, round) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, key);
  const [row] = await manager.query(`SELECT ${DEADLINE_COLUMNS} FROM department.case_deadlines d WHERE d.case_id = $1 AND d.department_code = $2 AND d.round = $3 FOR UPDATE`, key);
  return row;
}

const traced = (c: DepartmentCaseEntity, now: Date) => ({ occurredAt: now, trace: c.traceparent ? { traceparent: c.traceparent } : undefined });

function conflict(c: DepartmentCaseEntity, detail: string): Problem {
  return new Problem(409, 'conflict', detail, { currentState: c.status, role: c.role });
}
