import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter, TransientFailures } from '@gridwhistle/messaging';
import { GroupCommit } from '@gridwhistle/persistence';
import { Problem } from '@gridwhistle/platform';
import { DEPARTMENT_CASE_STATUSES, DepartmentCaseEntity, DepartmentCaseStatus } from './department-case.entity';
import { ListCasesQueryDto } from './case-actions.dto';

type Transition = 'acknowledge' | 'resolve';

interface Action {
  departmentCode: string;
  caseId: string;
  transition: Transition;
  resolution?: string;
}

/** Actions applied in one transaction at most; bounds the statements' size and the locks held. */
const MAX_ACTIONS_PER_WRITE = 200;

/** The columns of a case under the entity's property names, for plain SQL. */
const CASE_COLUMNS = `case_id AS "caseId", department_code AS "departmentCode", category_code AS "categoryCode", grid_code AS "gridCode",
  description, status, dispatched_at AS "dispatchedAt", due_at AS "dueAt", acknowledged_at AS "acknowledgedAt",
  resolved_at AS "resolvedAt", resolution, traceparent, updated_at AS "updatedAt"`;

/** From which status each action may start, and where it leads. */
const TRANSITIONS: Record<Transition, { from: DepartmentCaseStatus; to: DepartmentCaseStatus; hint: string }> = {
  acknowledge: { from: 'dispatched', to: 'acknowledged', hint: 'only a dispatched case can be acknowledged' },
  resolve: { from: 'acknowledged', to: 'resolved', hint: 'acknowledge the case before resolving it' },
};

/** Departments report in (部门报到): they see, acknowledge and resolve the cases dispatched to them. */
@Injectable()
export class DepartmentCasesService {
  /** Acknowledgements and resolutions that arrive while one is being written share the next transaction. */
  private readonly actions = new GroupCommit<Action, ReturnType<typeof view> | HttpException>((actions) => this.act(actions), MAX_ACTIONS_PER_WRITE, undefined, {
    isTransient: (error) => this.failures.isTransient(error),
    withinMs: 0,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly failures: TransientFailures,
  ) {}

  /** The cases dispatched to departments, one multi-row insert per batch (plain SQL: the hot path of every case). */
  async receive(manager: EntityManager, dispatched: EventEnvelope<'case.dispatched'>[]): Promise<void> {
    await manager.query(
      `INSERT INTO department.cases (case_id, department_code, category_code, grid_code, description, status, dispatched_at, due_at, traceparent)
       SELECT case_id, department_code, category_code, grid_code, description, 'dispatched', dispatched_at, due_at, traceparent
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[])
         AS d(case_id, department_code, category_code, grid_code, description, dispatched_at, due_at, traceparent)`,
      [
        dispatched.map((e) => e.caseId),
        dispatched.map((e) => e.payload.departmentCode),
        dispatched.map((e) => e.payload.categoryCode),
        dispatched.map((e) => e.payload.gridCode),
        dispatched.map((e) => e.payload.description),
        dispatched.map((e) => e.occurredAt),
        dispatched.map((e) => e.payload.dueAt),
        dispatched.map((e) => e.trace?.traceparent ?? ''),
      ],
    );
  }

  async close(manager: EntityManager, closed: EventEnvelope<'case.closed'>[]): Promise<void> {
    await manager.query(`UPDATE department.cases SET status = 'closed', updated_at = now() WHERE case_id = ANY($1::uuid[])`, [
      closed.map((event) => event.caseId),
    ]);
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
   * Actions arriving together share one transaction (see act).
   */
  async apply(departmentCode: string, caseId: string, transition: Transition, resolution?: string) {
    const outcome = await this.actions.submit({ departmentCode, caseId, transition, resolution });
    if (outcome instanceof HttpException) throw outcome;
    return outcome;
  }

  /**
   * Applies actions that arrived together in one transaction: one locking read of their cases
   * (in case order, so that concurrent groups cannot deadlock), then each action in arrival
   * order on the cases as the actions before it left them, then one statement for the updates and their events.
   * An action refused (404, 409) is that action's answer and changes nothing; the others commit.
   */
  private async act(actions: Action[]): Promise<(ReturnType<typeof view> | HttpException)[]> {
    return this.dataSource.transaction(async (manager) => {
      // Only the acting department's own cases: another department's case is neither locked nor seen.
      const found: DepartmentCaseEntity[] = await manager.query(
        `SELECT ${CASE_COLUMNS} FROM department.cases
         WHERE (case_id, department_code) IN (SELECT * FROM unnest($1::uuid[], $2::text[]))
         ORDER BY case_id FOR UPDATE`,
        [actions.map((action) => action.caseId), actions.map((action) => action.departmentCode)],
      );
      const cases = new Map(found.map((c) => [c.caseId, c]));
      const changed = new Set<DepartmentCaseEntity>();
      const events: EventEnvelope[] = [];
      const now = new Date();
      const outcomes = actions.map(({ departmentCode, caseId, transition, resolution }) => {
        const current = cases.get(caseId);
        if (!current || current.departmentCode !== departmentCode) return notYours(caseId);
        const { from, to, hint } = TRANSITIONS[transition];
        if (reached(current.status, to)) {
          if (transition === 'resolve' && current.resolution !== resolution) {
            return conflict(current, `case ${caseId} was already resolved with another resolution`);
          }
          return view(current);
        }
        if (current.status !== from) return conflict(current, `case ${caseId} is ${current.status}: ${hint}`);
        const trace = current.traceparent ? { traceparent: current.traceparent } : undefined;
        if (transition === 'acknowledge') {
          Object.assign(current, { status: to, acknowledgedAt: now });
          events.push(createEvent('case.acknowledged', caseId, { departmentCode }, { trace, occurredAt: now }));
        } else {
          Object.assign(current, { status: to, resolvedAt: now, resolution: resolution! });
          events.push(createEvent('case.resolved', caseId, { departmentCode, resolution: resolution! }, { trace, occurredAt: now }));
        }
        changed.add(current);
        return view(current);
      });
      if (changed.size > 0) {
        const rows = [...changed];
        const announced = this.outbox.insertion(events, 6);
        await manager.query(
          `WITH announced AS (${announced.text})
           UPDATE department.cases c
           SET status = moved.status, acknowledged_at = moved.acknowledged_at, resolved_at = moved.resolved_at,
               resolution = moved.resolution, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::timestamptz[], $5::text[])
             AS moved(case_id, status, acknowledged_at, resolved_at, resolution)
           WHERE c.case_id = moved.case_id`,
          [
            rows.map((c) => c.caseId),
            rows.map((c) => c.status),
            rows.map((c) => c.acknowledgedAt),
            rows.map((c) => c.resolvedAt),
            rows.map((c) => c.resolution),
            ...announced.values,
          ],
        );
      }
      return outcomes;
    });
  }

  /** A department never learns whether another department's case exists: both answer 404. */
  private async find(manager: EntityManager, departmentCode: string, caseId: string) {
    const found = await manager.findOne(DepartmentCaseEntity, { where: { caseId, departmentCode } });
    if (!found) throw notYours(caseId);
    return found;
  }
}

function notYours(caseId: string): NotFoundException {
  return new NotFoundException(`no case ${caseId} for your department`);
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
