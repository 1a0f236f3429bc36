import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CaseDispatchedV2, CaseDispatchedV3, EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { refuseUnknownCases } from '@gridwhistle/messaging';
import { CaseRole, DepartmentCaseEntity, DepartmentCaseStatus } from './department-case.entity';
import { ListCasesQueryDto, ResolveCaseDto } from './case-actions.dto';
import { listCases } from './case-list.query';
import { CaseActionRunner, TransitionCheck, findCase, traceOf } from './case-action.runner';
import { refuseInsecureEvidence, sameEvidence } from './case-evidence';
import { view } from './case-view';
import { DepartmentEnv } from '../department.env';
import { CaseFlowMetrics } from './case-flow.metrics';
import { deadlinesOf } from '../deadlines/case-deadlines.view';
import { ChangeFeedWriter } from '../change-feed/change-feed.writer';

/** The statuses in which a unit still holds a case: a later round withdraws them, the closing closes them. */
const HOLDING: DepartmentCaseStatus[] = ['dispatched', 'acknowledged', 'resolved', 'unfixable'];

/** Departments report in (部门报到): they see, acknowledge and resolve the cases dispatched to them. */
@Injectable()
export class DepartmentCasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly actions: CaseActionRunner,
    private readonly env: DepartmentEnv,
    private readonly metrics: CaseFlowMetrics,
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
                                     dispatched_at, due_at, traceparent, returnable, returnable_until)
       SELECT r.case_id, r.unit, r.role, r.round, r.category, r.grid, r.description, 'dispatched', r.dispatched_at, r.due_at, r.traceparent,
              r.returnable, r.returnable_until
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::text[],
                     $11::boolean[], $12::timestamptz[])
           AS r(case_id, unit, role, round, category, grid, description, dispatched_at, due_at, traceparent, returnable, returnable_until)
       ON CONFLICT (case_id, department_code) DO UPDATE
         SET role = excluded.role, round = excluded.round, status = 'dispatched', dispatched_at = excluded.dispatched_at,
             due_at = excluded.due_at, acknowledged_at = NULL, resolved_at = NULL, resolution = NULL, outcome = NULL, evidence = '[]', updated_at = now(),
             returnable = excluded.returnable, returnable_until = excluded.returnable_until,
             returned_at = NULL, return_reason = NULL, return_basis = NULL
         WHERE department.cases.round < excluded.round
       RETURNING case_id, department_code`,
      columns(rows, ['caseId', 'unit', 'role', 'round', 'category', 'grid', 'description', 'dispatchedAt', 'dueAt', 'traceparent', 'returnable', 'returnableUntil']),
    );
    const rounds = [...latest.values()];
    const [withdrawnFrom]: [{ case_id: string; department_code: string }[]] = await manager.query(
      `UPDATE department.cases c SET status = 'withdrawn', updated_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS r(case_id, round)
        WHERE c.case_id = r.case_id AND c.round < r.round AND c.status = ANY($3::text[])
       RETURNING c.case_id, c.department_code`,
      [rounds.map((event) => event.caseId), rounds.map(roundOf), HOLDING],
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
    const held: { case_id: string }[] = await manager.query('SELECT DISTINCT case_id FROM department.cases WHERE case_id = ANY($1::uuid[])', [
      closed.map((event) => event.caseId),
    ]);
    // The department holds every case dispatched before it closes: a closure of a case it lacks is wrong, not early.
    refuseUnknownCases(closed, held.map((row) => row.case_id), 'department');
    await manager.update(DepartmentCaseEntity, { caseId: In(closed.map((event) => event.caseId)), status: In(HOLDING) }, { status: 'closed' });
    await this.feed.recordForHolders(manager, closed.map((event) => ({ type: 'closed', caseId: event.caseId, occurredAt: event.occurredAt, data: closingOf(event) })));
  }

  /** The resident graded the result (评单): every unit holding the case sees the rating. */
  async graded(manager: EntityManager, graded: EventEnvelope<'case.graded'>[]): Promise<void> {
    await manager.query(
      `UPDATE department.cases c SET rating = g.rating, graded_at = g.at, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS g(case_id, rating, at)
        WHERE c.case_id = g.case_id AND (c.graded_at IS NULL OR c.graded_at < g.at)`,
      [graded.map((e) => e.caseId), graded.map((e) => e.payload.rating), graded.map((e) => e.occurredAt)],
    );
    await this.feed.recordForHolders(
      manager,
      graded.map((event) => ({ type: 'graded', caseId: event.caseId, occurredAt: event.occurredAt, data: { rating: event.payload.rating } })),
    );
  }

  list(unitCode: string, query: ListCasesQueryDto) {
    return listCases(this.dataSource, unitCode, query);
  }

  async get(departmentCode: string, caseId: string) {
    const found = await findCase(this.dataSource.manager, departmentCode, caseId);
    return { ...view(found), deadlines: (await deadlinesOf(this.dataSource.manager, departmentCode, [caseId])).get(caseId)! };
  }

  async acknowledge(unitCode: string, caseId: string, ifMatch?: string) {
    const acknowledged = await this.actions.run(unitCode, caseId, {
      action: 'acknowledge',
      ifMatch,
      changes: (now) => ({ acknowledgedAt: now }),
      onMoved: (before, after) => this.metrics.moved(before, after),
      event: (found, now) => createEvent('case.acknowledged', caseId, { departmentCode: unitCode }, { trace: traceOf(found), occurredAt: now }),
    });
    return view(acknowledged);
  }

  /**
   * The lead resolves (办结) with what was done and photos of the result. Repeating it with the
   * same resolution and evidence answers with the case; `check` runs on a fresh resolve only.
   */
  async resolve(unitCode: string, caseId: string, { resolution, evidence = [] }: ResolveCaseDto, ifMatch?: string, check?: TransitionCheck) {
    refuseInsecureEvidence(this.env.GRIDWHISTLE_PROFILE, evidence);
    const resolved = await this.actions.run(unitCode, caseId, {
      action: 'resolve',
      ifMatch,
      check,
      sameAs: (found) => found.outcome === 'fixed' && found.resolution === resolution && sameEvidence(found.evidence, evidence),
      changes: (now) => ({ resolvedAt: now, resolution, outcome: 'fixed', evidence }),
      onMoved: (before, after) => this.metrics.moved(before, after),
      event: (found, now) =>
        createEvent('case.resolved', caseId, { departmentCode: unitCode, resolution, outcome: 'fixed', evidence }, { trace: traceOf(found), occurredAt: now }),
      text: resolution,
    });
    return view(resolved);
  }
}

type Holder = {
  caseId: string;
  unit: string;
  role: CaseRole;
  round: number;
  category: string;
  grid: string;
  description: string;
  dispatchedAt: string;
  dueAt: string;
  traceparent: string;
  returnable: boolean;
  returnableUntil: string | null;
};

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
  // Dispatches before version 3 knew no returns; only the lead ever returns a case.
  const v3 = event.version >= 3 ? (payload as CaseDispatchedV3) : undefined;
  const returning = { returnable: v3?.returnable ?? false, returnableUntil: v3?.returnableUntil ?? null };
  return roles.filter(([unit], i) => roles.findIndex(([other]) => other === unit) === i).map(([unit, role]) => ({ ...base, ...times, ...returning, unit, role }));
}

/** One array per column, for an unnest() insert. */
function columns<T>(rows: T[], keys: (keyof T)[]): unknown[][] {
  return keys.map((key) => rows.map((row) => row[key]));
}

/** What a closure tells the units: how the resident rated the handling, when it was rated (not when nobody answered). */
function closingOf(event: EventEnvelope<'case.closed'>): Record<string, string> {
  const { rating } = event.payload as { rating?: string };
  return rating ? { rating } : {};
}
