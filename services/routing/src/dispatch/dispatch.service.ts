import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import { DataSource, EntityManager, In } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { CategoryRouteEntity } from './category-route.entity';
import { DispatchEntity } from './dispatch.entity';

const HOUR_MS = 3_600_000;

/** What routing needs of a case to decide where it goes. */
interface CaseToRoute {
  caseId: string;
  categoryCode: string;
  gridCode: string;
  description: string;
  traceparent: string | null;
}

interface Decision {
  row: DispatchEntity;
  event: EventEnvelope;
}

/**
 * The grid whistles: each reported case goes to the department its category belongs to. A
 * case whose category has no route waits for triage, and is dispatched once a route appears.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);
  private readonly decisions: Counter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    registry: Registry,
  ) {
    this.decisions = new Counter({
      name: 'gridwhistle_dispatch_decisions_total',
      help: 'Routing decisions by outcome and department',
      labelNames: ['outcome', 'department'],
      registers: [registry],
    });
  }

  /** Decides a batch of reported cases with one read of the routing table and one insert. */
  async dispatch(manager: EntityManager, reported: EventEnvelope<'case.reported'>[]): Promise<void> {
    const codes = [...new Set(reported.map((event) => event.payload.categoryCode))];
    const routes = new Map(
      (await manager.findBy(CategoryRouteEntity, { categoryCode: In(codes) })).map((route) => [route.categoryCode, route]),
    );
    const decidedAt = new Date();
    const decisions = reported.map(({ caseId, payload, trace }) =>
      this.decide(
        { caseId, categoryCode: payload.categoryCode, gridCode: payload.gridCode, description: payload.description, traceparent: trace?.traceparent ?? null },
        routes.get(payload.categoryCode),
        decidedAt,
      ),
    );
    const unrouted = codes.filter((code) => !routes.has(code));
    if (unrouted.length > 0) this.logger.warn(`no route for ${unrouted.join(', ')}: case(s) held for triage`);
    await manager.insert(DispatchEntity, decisions.map((decision) => decision.row));
    await this.outbox.add(manager, ...decisions.map((decision) => decision.event));
    this.count(decisions);
  }

  /**
   * Dispatches up to `limit` cases awaiting triage whose category has a route by now, in one
   * transaction; returns how many. Rows are taken with SKIP LOCKED and must still be awaiting
   * triage, so routing instances sweeping side by side dispatch each case once.
   */
  async dispatchAwaitingTriage(limit: number): Promise<number> {
    const decisions = await this.dataSource.transaction(async (manager) => {
      const waiting: (CaseToRoute & CategoryRouteEntity)[] = await manager.query(
        `SELECT d.case_id AS "caseId", d.category_code AS "categoryCode", d.grid_code AS "gridCode",
                d.description, d.traceparent, r.department_code AS "departmentCode",
                r.department_name AS "departmentName", r.deadline_hours AS "deadlineHours"
         FROM routing.dispatches d JOIN routing.category_routes r ON r.category_code = d.category_code
         WHERE d.outcome = 'awaiting_triage'
         ORDER BY d.decided_at
         LIMIT $1
         FOR UPDATE OF d SKIP LOCKED`,
        [limit],
      );
      const decidedAt = new Date();
      const decided = waiting.map((found) => this.decide(found, found, decidedAt));
      if (decided.length === 0) return decided;
      await manager.query(
        `UPDATE routing.dispatches d
         SET outcome = 'dispatched', department_code = moved.department_code, decided_at = $3, due_at = moved.due_at
         FROM unnest($1::uuid[], $2::text[], $4::timestamptz[]) AS moved(case_id, department_code, due_at)
         WHERE d.case_id = moved.case_id`,
        [decided.map((d) => d.row.caseId), decided.map((d) => d.row.departmentCode), decidedAt, decided.map((d) => d.row.dueAt)],
      );
      await this.outbox.add(manager, ...decided.map((decision) => decision.event));
      return decided;
    });
    this.count(decisions);
    if (decisions.length > 0) this.logger.log(`dispatched ${decisions.length} case(s) that were awaiting triage`);
    return decisions.length;
  }

  /** Where one case goes, and the event that says so: its dispatch, or that it needs triage. */
  private decide(found: CaseToRoute, route: CategoryRouteEntity | undefined, decidedAt: Date): Decision {
    const { caseId, categoryCode, gridCode, description, traceparent } = found;
    const options = { trace: traceparent ? { traceparent } : undefined, occurredAt: decidedAt };
    const row = { caseId, categoryCode, gridCode, description, traceparent, decidedAt };
    if (!route) {
      // Held where a person sees it rather than dead-lettered: the case is valid, the routing table is not.
      return {
        row: { ...row, outcome: 'awaiting_triage', departmentCode: null, dueAt: null },
        event: createEvent('case.triage_required', caseId, { categoryCode, gridCode, reason: 'no_route' }, options),
      };
    }
    const dueAt = new Date(decidedAt.getTime() + route.deadlineHours * HOUR_MS);
    const { departmentCode, departmentName } = route;
    return {
      row: { ...row, outcome: 'dispatched', departmentCode, dueAt },
      event: createEvent(
        'case.dispatched',
        caseId,
        { departmentCode, departmentName, categoryCode, gridCode, description, dueAt: dueAt.toISOString() },
        options,
      ),
    };
  }

  private count(decisions: Decision[]): void {
    for (const { row } of decisions) this.decisions.inc({ outcome: row.outcome, department: row.departmentCode ?? 'none' });
  }
}
