import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CASE_CLOCKS, EventEnvelope } from '@gridwhistle/contracts';
import { RoutingDecision } from '../decisions/routing-decision';
import { RunningDirectory } from '../directory/directory.store';
import { ClockStart, startClocks, stopClocks } from './case-clocks';

/** A decision that dispatched a case. */
export interface DispatchDecided {
  caseId: string;
  decidedAt: Date;
  record: RoutingDecision;
  traceparent: string | null;
}

/**
 * Keeps each case's clocks in step with its state, inside the transaction of the change: a
 * dispatch starts acknowledge, first contact and resolve (a new dispatch of the same case starts a
 * new round and stops the old one's); acknowledging, resolving, grading and closing stop them.
 */
@Injectable()
export class DeadlineClocksService {
  private readonly directory = new RunningDirectory();

  async dispatched(manager: EntityManager, decided: DispatchDecided[]): Promise<void> {
    const directory = await this.directory.get(manager);
    const withPolicy = decided.filter((d) => d.record.lead && d.record.deadlinePolicy);
    if (!directory || withPolicy.length === 0) return;
    const rounds = new Map<string, number>(
      (
        await manager.query(`SELECT case_id AS "caseId", max(round) AS round FROM routing.case_clocks WHERE case_id = ANY($1::uuid[]) GROUP BY case_id`, [
          withPolicy.map((d) => d.caseId),
        ])
      ).map((r: { caseId: string; round: number }) => [r.caseId, r.round]),
    );
    await stopClocks(
      manager,
      withPolicy.filter((d) => rounds.has(d.caseId)).map((d) => ({ caseId: d.caseId, clocks: [...CASE_CLOCKS], reason: 'superseded', at: d.decidedAt })),
    );
    await startClocks(
      manager,
      directory,
      withPolicy.flatMap(({ caseId, decidedAt, record, traceparent }) => {
        const base = { caseId, round: (rounds.get(caseId) ?? 0) + 1, gridCode: record.inputs.gridCode, policy: record.deadlinePolicy!, startedAt: decidedAt, traceparent };
        return [
          ...(['acknowledge', 'first_contact', 'resolve'] as const).map((clock) => ({ ...base, unitCode: record.lead!.code, clock })),
          ...record.assistants.map((unit) => ({ ...base, unitCode: unit.code, clock: 'acknowledge' as const })),
        ];
      }),
    );
  }

  async acknowledged(manager: EntityManager, events: EventEnvelope<'case.acknowledged'>[]): Promise<void> {
    await stopClocks(manager, events.map((e) => ({ caseId: e.caseId, unitCode: e.payload.departmentCode, clocks: ['acknowledge'], reason: 'acknowledged', at: new Date(e.occurredAt) })));
  }

  /** Resolving stops the unit's resolve and first-contact clocks and starts its callback (回访) clock. */
  async resolved(manager: EntityManager, events: EventEnvelope<'case.resolved'>[]): Promise<void> {
    await stopClocks(manager, events.map((e) => ({ caseId: e.caseId, unitCode: e.payload.departmentCode, clocks: ['resolve', 'first_contact'], reason: 'resolved', at: new Date(e.occurredAt) })));
    const directory = await this.directory.get(manager);
    if (!directory || events.length === 0) return;
    const resolving: Omit<ClockStart, 'clock' | 'startedAt'>[] = await manager.query(
      `SELECT DISTINCT ON (c.case_id, c.unit_code) c.case_id AS "caseId", c.unit_code AS "unitCode", c.round, c.grid_code AS "gridCode", c.policy, c.traceparent
       FROM routing.case_clocks c JOIN unnest($1::uuid[], $2::text[]) AS r(case_id, unit_code) ON c.case_id = r.case_id AND c.unit_code = r.unit_code
       WHERE c.clock = 'resolve'
       ORDER BY c.case_id, c.unit_code, c.round DESC`,
      [events.map((e) => e.caseId), events.map((e) => e.payload.departmentCode)],
    );
    const at = new Map(events.map((e) => [e.caseId, new Date(e.occurredAt)]));
    await startClocks(manager, directory, resolving.map((r) => ({ ...r, clock: 'callback', startedAt: at.get(r.caseId)! })));
  }

  async graded(manager: EntityManager, events: EventEnvelope<'case.graded'>[]): Promise<void> {
    await stopClocks(manager, events.map((e) => ({ caseId: e.caseId, clocks: ['callback'], reason: 'graded', at: new Date(e.occurredAt) })));
  }

  async closed(manager: EntityManager, events: EventEnvelope<'case.closed'>[]): Promise<void> {
    await stopClocks(manager, events.map((e) => ({ caseId: e.caseId, clocks: [...CASE_CLOCKS], reason: 'closed', at: new Date(e.occurredAt) })));
  }
}
