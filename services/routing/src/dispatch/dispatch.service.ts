import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { caseStageTimer } from '@gridwhistle/observability';
import { decide } from '../decisions/decision.engine';
import { DecisionRecordEntity } from '../decisions/decision-record.entity';
import { RoutingDecision } from '../decisions/routing-decision';
import { RunningDirectory } from '../directory/directory.store';
import { Directory } from '../directory/directory';
import { DeadlineClocksService } from '../deadlines/deadline-clocks.service';
import { DispatchEntity } from './dispatch.entity';
import { CaseToRoute, dispatchedEvent } from './dispatch.event';

/** Inserts the decision records of a batch from five parameters, numbered from `first`, as decisionColumns gives them. */
function insertDecisions(first: number): string {
  const [caseIds, decidedAt, versions, rules, records] = [0, 1, 2, 3, 4].map((i) => `$${first + i}`);
  return `INSERT INTO routing.decisions (case_id, decided_at, directory_version, rule, record)
    SELECT * FROM unnest(${caseIds}::uuid[], ${decidedAt}::timestamptz[], ${versions}::int[], ${rules}::text[], ${records}::jsonb[])`;
}

function decisionColumns(decided: Decided[]): unknown[] {
  const records = decided.map((d) => d.record);
  return [
    records.map((r) => r.caseId),
    records.map((r) => r.decidedAt),
    records.map((r) => r.directoryVersion),
    records.map((r) => r.rule),
    records.map((r) => JSON.stringify(r.record)),
  ];
}


interface Decided {
  row: DispatchEntity;
  record: Omit<DecisionRecordEntity, 'id'>;
  event: EventEnvelope;
}

/**
 * The grid whistles: each reported case goes where the running directory's decision engine
 * sends it. A case no rule can route waits for triage, and is examined again by each newer
 * directory version.
 */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);
  private readonly decisions: Counter;
  private readonly timeStage: ReturnType<typeof caseStageTimer>;
  private readonly directory = new RunningDirectory();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    registry: Registry,
    private readonly clocks: DeadlineClocksService,
  ) {
    this.decisions = new Counter({
      name: 'gridwhistle_dispatch_decisions_total',
      help: 'Routing decisions by outcome and department',
      labelNames: ['outcome', 'department'],
      registers: [registry],
    });
    this.timeStage = caseStageTimer(registry, ['reported_to_dispatched']);
  }

  /** Decides a batch of reported cases with one look at the running directory and one insert. */
  async dispatch(manager: EntityManager, reported: EventEnvelope<'case.reported'>[]): Promise<void> {
    const directory = await this.directory.get(manager);
    const decidedAt = new Date();
    const decided = reported.map(({ caseId, payload, trace }) => {
      const found = { caseId, categoryCode: payload.categoryCode, gridCode: payload.gridCode, description: payload.description, traceparent: trace?.traceparent ?? null };
      const outcome = this.outcome(found, decide(directory, found), decidedAt, directory);
      if (outcome.row.outcome === 'dispatched') this.timeStage('reported_to_dispatched', payload.reportedAt, decidedAt);
      return outcome;
    });
    const waiting = decided.filter((d) => d.row.outcome === 'awaiting_triage');
    if (waiting.length > 0) this.logger.warn(`${waiting.length} case(s) held for triage: ${[...new Set(waiting.map((d) => d.record.rule))].join(', ')}`);
    // The dispatch rows, their decision records and their events in one statement: this is every case's hop.
    const rows = decided.map((d) => d.row);
    const events = this.outbox.insertion(
      decided.map((d) => d.event),
      16,
    );
    await manager.query(
      `WITH dispatched AS (
         INSERT INTO routing.dispatches (case_id, category_code, grid_code, outcome, department_code, decided_at, due_at, description, traceparent, directory_version)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[], $8::text[], $9::text[], $10::int[])
       ), recorded AS (${insertDecisions(11)})
       ${events.text}`,
      [
        rows.map((r) => r.caseId),
        rows.map((r) => r.categoryCode),
        rows.map((r) => r.gridCode),
        rows.map((r) => r.outcome),
        rows.map((r) => r.departmentCode),
        rows.map((r) => r.decidedAt),
        rows.map((r) => r.dueAt),
        rows.map((r) => r.description),
        rows.map((r) => r.traceparent),
        rows.map((r) => r.directoryVersion),
        ...decisionColumns(decided),
        ...events.values,
      ],
    );
    await this.startClocks(manager, decided);
    this.count(decided);
  }

  /**
   * Examines up to `limit` cases awaiting triage that the running directory version has not
   * examined yet, in one transaction, and dispatches those it can route now. Rows are taken
   * with SKIP LOCKED, so routing instances sweeping side by side dispatch each case once.
   */
  async dispatchAwaitingTriage(limit: number): Promise<{ examined: number; dispatched: number }> {
    const decided = await this.dataSource.transaction(async (manager) => {
      const directory = await this.directory.get(manager);
      if (!directory) return [];
      const waiting: CaseToRoute[] = await manager.query(
        `SELECT case_id AS "caseId", category_code AS "categoryCode", grid_code AS "gridCode", description, traceparent
         FROM routing.dispatches
         WHERE outcome = 'awaiting_triage' AND coalesce(directory_version, 0) < $2
         ORDER BY decided_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED`,
        [limit, directory.version],
      );
      const decidedAt = new Date();
      const examined = waiting.map((found) => this.outcome(found, decide(directory, found), decidedAt, directory));
      if (examined.length === 0) return examined;
      const moved = examined.map((d) => d.row);
      await manager.query(
        `UPDATE routing.dispatches d
         SET outcome = moved.outcome, department_code = moved.department_code, due_at = moved.due_at,
             directory_version = $5, decided_at = CASE WHEN moved.outcome = 'dispatched' THEN $6 ELSE d.decided_at END
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) AS moved(case_id, outcome, department_code, due_at)
         WHERE d.case_id = moved.case_id`,
        [moved.map((r) => r.caseId), moved.map((r) => r.outcome), moved.map((r) => r.departmentCode), moved.map((r) => r.dueAt), directory.version, decidedAt],
      );
      // A case still waiting was announced already: only its new examination is recorded.
      await this.record(manager, examined, (d) => d.row.outcome === 'dispatched');
      return examined;
    });
    const dispatched = decided.filter((d) => d.row.outcome === 'dispatched');
    this.count(dispatched);
    if (dispatched.length > 0) this.logger.log(`dispatched ${dispatched.length} case(s) that were awaiting triage`);
    return { examined: decided.length, dispatched: dispatched.length };
  }

  /** The decision records and the events that announce them, in the caller's transaction. */
  private async record(manager: EntityManager, decided: Decided[], announce: (d: Decided) => boolean = () => true): Promise<void> {
    await manager.query(insertDecisions(1), decisionColumns(decided));
    await this.outbox.add(manager, ...decided.filter(announce).map((d) => d.event));
    await this.startClocks(manager, decided);
  }

  /** The deadline clocks of the cases dispatched, started in the same transaction. */
  private startClocks(manager: EntityManager, decided: Decided[]): Promise<void> {
    const dispatched = decided.filter((d) => d.row.outcome === 'dispatched');
    return this.clocks.dispatched(manager, dispatched.map((d) => ({ caseId: d.row.caseId, decidedAt: d.row.decidedAt, record: d.record.record, traceparent: d.row.traceparent })));
  }

  /** The dispatch row, decision record and event of one decision: its dispatch, or that it needs triage. */
  private outcome(found: CaseToRoute, decision: RoutingDecision, decidedAt: Date, directory: Directory | undefined): Decided {
    const { caseId, categoryCode, gridCode, description, traceparent } = found;
    const options = { trace: traceparent ? { traceparent } : undefined, occurredAt: decidedAt };
    const row = { caseId, categoryCode, gridCode, description, traceparent, decidedAt, directoryVersion: decision.directoryVersion, round: 1, returnedBy: [], returnable: true };
    const record = { caseId, decidedAt, directoryVersion: decision.directoryVersion, rule: decision.rule, record: decision };
    const { lead } = decision;
    if (decision.outcome === 'awaiting_triage' || !lead) {
      // Held where a person sees it rather than dead-lettered: the case is valid, the directory cannot route it.
      return {
        row: { ...row, outcome: 'awaiting_triage', departmentCode: null, dueAt: null },
        record,
        event: createEvent('case.triage_required', caseId, { categoryCode, gridCode, reason: 'no_route' }, options),
      };
    }
    const { event, dueAt } = dispatchedEvent(found, decision, 1, decidedAt, directory);
    return { row: { ...row, outcome: 'dispatched', departmentCode: lead.code, dueAt }, record, event };
  }

  private count(decided: Decided[]): void {
    for (const { row } of decided) this.decisions.inc({ outcome: row.outcome, department: row.departmentCode ?? 'none' });
  }
}
