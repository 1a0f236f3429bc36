import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RELEASED_STATUSES } from '../cases/department-case.entity';
import { CaseChange, Change } from './change-feed.entry';

/**
 * Appends to the units' change feeds inside the caller's transaction, so that an entry exists
 * exactly when the change that caused it committed. Set-based: one statement per call.
 *
 * Each row carries the writing transaction's id, taken (in the MATERIALIZED CTE) before the
 * rows get their positions: the reader relies on a transaction having its id before it holds
 * any position (see ChangeFeedReader).
 */
@Injectable()
export class ChangeFeedWriter {
  async record(manager: EntityManager, changes: Change[]): Promise<void> {
    if (changes.length === 0) return;
    await manager.query(
      `WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
       INSERT INTO department.change_feed (unit_code, type, case_id, occurred_at, data, xid)
       SELECT c.unit_code, c.type, c.case_id, c.occurred_at, c.data, tx.xid
         FROM tx, unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::jsonb[]) WITH ORDINALITY
           AS c(unit_code, type, case_id, occurred_at, data, n)
        ORDER BY c.n`,
      [
        changes.map((c) => c.unitCode),
        changes.map((c) => c.type),
        changes.map((c) => c.caseId),
        changes.map((c) => c.occurredAt),
        changes.map((c) => JSON.stringify(c.data ?? {})),
      ],
    );
  }

  /** Records each change of a case for every unit holding it, the released ones (returned, withdrawn) aside. */
  async recordForHolders(manager: EntityManager, changes: CaseChange[]): Promise<void> {
    if (changes.length === 0) return;
    const holders: { case_id: string; department_code: string }[] = await manager.query(
      `SELECT case_id, department_code FROM department.cases
        WHERE case_id = ANY($1::uuid[]) AND status <> ALL($2::text[]) ORDER BY case_id, department_code`,
      [changes.map((c) => c.caseId), RELEASED_STATUSES],
    );
    await this.record(
      manager,
      changes.flatMap((change) => holders.filter((h) => h.case_id === change.caseId).map((h) => ({ ...change, unitCode: h.department_code }))),
    );
  }
}
