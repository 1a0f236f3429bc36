import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { decide } from '../decisions/decision.engine';
import { DecisionRecordEntity } from '../decisions/decision-record.entity';
import { RoutingDecision } from '../decisions/routing-decision';
import { RunningDirectory } from '../directory/directory.store';
import { DispatchEntity } from './dispatch.entity';

const HOUR_MS = 3_600_000;

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

/** What routing needs of a case to decide where it goes. */
interface CaseToRoute {
  caseId: string;
  categoryCode: string;
  gridCode: string;
  description: string;
  traceparent: string | null;
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
  private readonly directory = new RunningDirectory();

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

  /** Decides a batch of reported cases with one look at the running directory and one insert. */
  async dispatch(manager: EntityManager, reported: EventEnvelope<'case.reported'>[]): Promise<void> {
    const directory = await this.directory.get(manager);
    const decidedAt = new Date();
    const decided = reported.map(({ caseId, payload, trace }) => {
      const found = { caseId, categoryCode: payload.categoryCode, gridCode: payload.gridCode, description: payload.description, traceparent: trace?.traceparent ?? null };
      return this.outcome(found, decide(directory, found), decidedAt);
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
      const examined = waiting.map((found) => this.outcome(found, decide(directory, found), decidedAt));
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
  }

  /** The dispatch row, decision record and event of one decision: its dispatch, or that it needs triage. */
  private outcome(found: CaseToRoute, decision: RoutingDecision, decidedAt: Date): Decided {
    const { caseId, categoryCode, gridCode, description, traceparent } = found;
    const options = { trace: traceparent ? { traceparent } : undefined, occurredAt: decidedAt };
    const row = { caseId, categoryCode, gridCode, description, traceparent, decidedAt, directoryVersion: decision.directoryVersion };
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
    const dueAt = new Date(decidedAt.getTime() + (decision.respondWithinHours ?? 24) * HOUR_MS);
    return {
      row: { ...row, outcome: 'dispatched', departmentCode: lead.code, dueAt },
      record,
      event: createEvent(
        'case.dispatched',
        caseId,
        {
          departmentCode: lead.code,
          departmentName: lead.name,
          categoryCode,
          gridCode,
          description,
          dueAt: dueAt.toISOString(),
          assistingUnitCodes: decision.assistants.map((u) => u.code),
          copiedUnitCodes: decision.copied.map((u) => u.code),
          gridNotified: decision.gridNotified,
          rule: decision.rule,
          directoryVersion: decision.directoryVersion!,
        },
        options,
      ),
    };
  }

  private count(decided: Decided[]): void {
    for (const { row } of decided) this.decisions.inc({ outcome: row.outcome, department: row.departmentCode ?? 'none' });
  }
}
