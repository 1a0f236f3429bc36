import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Problem } from '@gridwhistle/platform';
import { DEPARTMENT_CASE_STATUSES, DepartmentCaseEntity, DepartmentCaseStatus } from './department-case.entity';
import { ListCasesQueryDto } from './case-actions.dto';

type Transition = 'acknowledge' | 'resolve';

/** From which status each action may start, and where it leads. */
const TRANSITIONS: Record<Transition, { from: DepartmentCaseStatus; to: DepartmentCaseStatus; hint: string }> = {
  acknowledge: { from: 'dispatched', to: 'acknowledged', hint: 'only a dispatched case can be acknowledged' },
  resolve: { from: 'acknowledged', to: 'resolved', hint: 'acknowledge the case before resolving it' },
};

/** Departments report in (部门报到): they see, acknowledge and resolve the cases dispatched to them. */
@Injectable()
export class DepartmentCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async receive(manager: EntityManager, dispatched: EventEnvelope<'case.dispatched'>[]): Promise<void> {
    await manager.insert(
      DepartmentCaseEntity,
      dispatched.map(({ caseId, payload, occurredAt, trace }) => ({
        caseId,
        departmentCode: payload.departmentCode,
        categoryCode: payload.categoryCode,
        gridCode: payload.gridCode,
        description: payload.description,
        status: 'dispatched' as const,
        dispatchedAt: new Date(occurredAt),
        dueAt: new Date(payload.dueAt),
        acknowledgedAt: null,
        resolvedAt: null,
        resolution: null,
        traceparent: trace?.traceparent ?? '',
      })),
    );
  }

  async close(manager: EntityManager, closed: EventEnvelope<'case.closed'>[]): Promise<void> {
    await manager.update(DepartmentCaseEntity, { caseId: In(closed.map((event) => event.caseId)) }, { status: 'closed' });
  }

  async list(departmentCode: string, query: ListCasesQueryDto) {
    const builder = this.dataSource
      .getRepository(DepartmentCaseEntity)
      .createQueryBuilder('c')
      .where('c.department_code = :departmentCode', { departmentCode })
      .orderBy('c.dispatched_at', 'ASC')
      .addOrderBy('c.case_id', 'ASC')
      .limit(query.limit);
    if (query.status) builder.andWhere('c.status = :status', { status: query.status });
    if (query.after) {
      builder.andWhere(
        '(c.dispatched_at, c.case_id) > (SELECT p.dispatched_at, p.case_id FROM department.cases p WHERE p.case_id = :after AND p.department_code = :departmentCode)',
        { after: query.after },
      );
    }
    const cases = await builder.getMany();
    return {
      cases: cases.map(view),
      next: cases.length === query.limit ? cases[cases.length - 1].caseId : null,
    };
  }

  async get(departmentCode: string, caseId: string) {
    return view(await this.find(this.dataSource.manager, departmentCode, caseId));
  }

  /**
   * Moves one of the department's own cases along and records the event in the same
   * transaction. Repeating an action that already happened (a retry, even after the case moved
   * on) answers with the case as it is now; repeating it with other content is a conflict.
   */
  async apply(departmentCode: string, caseId: string, transition: Transition, resolution?: string) {
    const { from, to, hint } = TRANSITIONS[transition];
    return this.dataSource.transaction(async (manager) => {
      const found = await this.find(manager, departmentCode, caseId, true);
      if (reached(found.status, to)) {
        if (transition === 'resolve' && found.resolution !== resolution) {
          throw conflict(found, `case ${caseId} was already resolved with another resolution`);
        }
        return view(found);
      }
      if (found.status !== from) throw conflict(found, `case ${caseId} is ${found.status}: ${hint}`);
      const now = new Date();
      const changes: Partial<DepartmentCaseEntity> =
        transition === 'acknowledge' ? { status: to, acknowledgedAt: now } : { status: to, resolvedAt: now, resolution };
      await manager.update(DepartmentCaseEntity, { caseId }, changes);
      const trace = found.traceparent ? { traceparent: found.traceparent } : undefined;
      const event =
        transition === 'acknowledge'
          ? createEvent('case.acknowledged', caseId, { departmentCode }, { trace, occurredAt: now })
          : createEvent('case.resolved', caseId, { departmentCode, resolution: resolution! }, { trace, occurredAt: now });
      await this.outbox.add(manager, event);
      return view({ ...found, ...changes });
    });
  }

  /** A department never learns whether another department's case exists: both answer 404. */
  private async find(manager: EntityManager, departmentCode: string, caseId: string, lock = false) {
    const found = await manager.findOne(DepartmentCaseEntity, {
      where: { caseId, departmentCode },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!found) throw new NotFoundException(`no case ${caseId} for your department`);
    return found;
  }
}

/** Whether a case has come as far as `status` (statuses only move forward). */
function reached(current: DepartmentCaseStatus, status: DepartmentCaseStatus): boolean {
  return DEPARTMENT_CASE_STATUSES.indexOf(current) >= DEPARTMENT_CASE_STATUSES.indexOf(status);
}

/** 409 with what the client needs to recover: the case's state, its resolution, what it may do now. */
function conflict(c: DepartmentCaseEntity, detail: string): Problem {
  const allowedActions = (Object.keys(TRANSITIONS) as Transition[]).filter((action) => TRANSITIONS[action].from === c.status);
  return new Problem(409, 'conflict', detail, { currentState: c.status, resolution: c.resolution, allowedActions });
}

function view(c: DepartmentCaseEntity) {
  return {
    id: c.caseId,
    status: c.status,
    category: c.categoryCode,
    gridCode: c.gridCode,
    description: c.description,
    dispatchedAt: c.dispatchedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    acknowledgedAt: c.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    resolution: c.resolution,
  };
}
