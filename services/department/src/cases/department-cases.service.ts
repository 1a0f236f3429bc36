import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CaseDispatchedV2, CaseDispatchedV3, EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Problem } from '@gridwhistle/platform';
import { CaseRole, DepartmentCaseEntity, DepartmentCaseStatus, PROGRESS_STATUSES, RELEASED_STATUSES } from './department-case.entity';
import { ListCasesQueryDto } from './case-actions.dto';
import { ChangeFeedWriter } from '../change-feed/change-feed.writer';

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
    private readonly feed: ChangeFeedWriter,
  ) {}

  /**
   * Each unit named by a dispatch gets its row: the lead, the assistants and the units copied.
   * A later round replaces the units of the earlier ones: a unit it names again starts afresh
   * in its new role, and a unit it no longer names is withdrawn (改派). Of several rounds of
   * one case in a batch only the last counts: the earlier ones are already superseded.
   */
  async receive(manager: EntityManager, dispatched: EventEnvelope<'case.dispatched'>[]): Promise<void> {
    const latest = new Map<string, EventEnvelope<'case.dispatched'>>();
    for (const event of dispatched) {
      const seen = latest.get(event.caseId);
      if (!seen || roundOf(event) >= roundOf(seen)) latest.set(event.caseId, event);
    }
    const rows = [...latest.values()].flatMap(holders);
    const dispatchedTo: { case_id: string; department_code: string }[] = await manager.query(
      `INSERT INTO department.cases (case_id, department_code, role, round, category_code, grid_code, description, status,
                                     dispatched_at, due_at, traceparent)
       SELECT r.case_id, r.unit, r.role, r.round, r.category, r.grid, r.description, 'dispatched', r.dispatched_at, r.due_at, r.traceparent
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::text[])
           AS r(case_id, unit, role, round, category, grid, description, dispatched_at, due_at, traceparent)
       ON CONFLICT (case_id, department_code) DO UPDATE
         SET role = excluded.role, round = excluded.round, status = 'dispatched', dispatched_at = excluded.dispatched_at,
             due_at = excluded.due_at, acknowledged_at = NULL, resolved_at = NULL, resolution = NULL, updated_at = now()
         WHERE department.cases.round < excluded.round
       RETURNING case_id, department_code`,
      columns(rows, ['caseId', 'unit', 'role', 'round', 'category', 'grid', 'description', 'dispatchedAt', 'dueAt', 'traceparent']),
    );
    const rounds = [...latest.values()];
    const [withdrawnFrom]: [{ case_id: string; department_code: string }[]] = await manager.query(
      `UPDATE department.cases c SET status = 'withdrawn', updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS r(case_id, round)
        WHERE c.case_id = r.case_id AND c.round < r.round AND c.status IN ('dispatched', 'acknowledged', 'resolved')
       RETURNING c.case_id, c.department_code`,
      [rounds.map((event) => event.caseId), rounds.map(roundOf)],
    );
    await this.feed.record(manager, [
      ...withdrawnFrom.map((row) => ({ unitCode: row.department_code, type: 'withdrawn' as const, caseId: row.case_id, occurredAt: latest.get(row.case_id)!.occurredAt })),
      ...rows
        .filter((row) => dispatchedTo.some((d) => d.case_id === row.caseId && d.department_code === row.unit))
        .map(({ unit, caseId, dispatchedAt, role, round, category, grid, dueAt }) => ({
          unitCode: unit,
          type: 'dispatched' as const,
          caseId,
          occurredAt: dispatchedAt,
          data: { role, round, category, gridCode: grid, dueAt },
        })),
    ]);
  }

  async close(manager: EntityManager, closed: EventEnvelope<'case.closed'>[]): Promise<void> {
    await manager.update(
      DepartmentCaseEntity,
      { caseId: In(closed.map((event) => event.caseId)), status: In(['dispatched', 'acknowledged', 'resolved']) },
      { status: 'closed' },
    );
    await this.feed.recordForHolders(
      manager,
      closed.map((event) => ({ type: 'closed', caseId: event.caseId, occurredAt: event.occurredAt, data: { rating: event.payload.rating } })),
    );
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
      refuseIfNotActing(found, transition);
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
      await manager.update(DepartmentCaseEntity, { caseId, departmentCode }, changes);
      const trace = found.traceparent ? { traceparent: found.traceparent } : undefined;
      const event =
        transition === 'acknowledge'
          ? createEvent('case.acknowledged', caseId, { departmentCode }, { trace, occurredAt: now })
          : createEvent('case.resolved', caseId, { departmentCode, resolution: resolution! }, { trace, occurredAt: now });
      await this.outbox.add(manager, event);
      await this.feed.record(manager, [{ unitCode: departmentCode, type: transition === 'acknowledge' ? 'acknowledged' : 'resolved', caseId, occurredAt: now, data: { role: found.role } }]);
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

type Holder = { caseId: string; unit: string; role: CaseRole; round: number; category: string; grid: string; description: string; dispatchedAt: string; dueAt: string; traceparent: string };

const roundOf = (event: EventEnvelope<'case.dispatched'>): number => (event.version >= 3 ? (event.payload as CaseDispatchedV3).round : 1);

/** The units a dispatch names, each once, in the strongest role it is named in. */
function holders(event: EventEnvelope<'case.dispatched'>): Holder[] {
  const { caseId, payload, occurredAt, trace } = event;
  const named = event.version >= 2 ? (payload as CaseDispatchedV2) : undefined;
  const roles: [string, CaseRole][] = [
    [payload.departmentCode, 'lead'],
    ...(named?.assistingUnitCodes ?? []).map((unit): [string, CaseRole] => [unit, 'assistant']),
    ...(named?.copiedUnitCodes ?? []).map((unit): [string, CaseRole] => [unit, 'copied']),
  ];
  const base = { caseId, round: roundOf(event), category: payload.categoryCode, grid: payload.gridCode, description: payload.description };
  const times = { dispatchedAt: occurredAt, dueAt: payload.dueAt, traceparent: trace?.traceparent ?? '' };
  return roles.filter(([unit], i) => roles.findIndex(([other]) => other === unit) === i).map(([unit, role]) => ({ ...base, ...times, unit, role }));
}

/** One array per column, for an unnest() insert. */
function columns<T>(rows: T[], keys: (keyof T)[]): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key]));
}

/** Whether a case has come as far as `status` (statuses only move forward). */
function reached(current: DepartmentCaseStatus, status: DepartmentCaseStatus): boolean {
  const progress: readonly DepartmentCaseStatus[] = PROGRESS_STATUSES;
  return progress.indexOf(current) >= progress.indexOf(status);
}

/** Only a unit still holding the case acts on it, and only the lead resolves it; a copied unit only reads. */
function refuseIfNotActing(c: DepartmentCaseEntity, transition: Transition): void {
  if ((RELEASED_STATUSES as readonly string[]).includes(c.status)) {
    throw conflict(c, `case ${c.caseId} was ${c.status === 'returned' ? 'returned by' : 'withdrawn from'} your unit: it is no longer yours to act on`);
  }
  if (c.role === 'copied') throw conflict(c, `case ${c.caseId} was copied to your unit for information: the units handling it act on it`);
  if (transition === 'resolve' && c.role !== 'lead') throw conflict(c, `case ${c.caseId} is resolved by its lead unit: your unit assists`);
}

/** 409 with what the client needs to recover: the case's state, its resolution, what it may do now. */
function conflict(c: DepartmentCaseEntity, detail: string): Problem {
  const allowedActions = (Object.keys(TRANSITIONS) as Transition[]).filter((action) => {
    if (TRANSITIONS[action].from !== c.status || c.role === 'copied') return false;
    return action !== 'resolve' || c.role === 'lead';
  });
  return new Problem(409, 'conflict', detail, { currentState: c.status, role: c.role, resolution: c.resolution, allowedActions });
}

function view(c: DepartmentCaseEntity) {
  return {
    id: c.caseId,
    status: c.status,
    role: c.role,
    round: c.round,
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
