import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@gridwhistle/contracts';

/**
 * The resident's answer sent the case back (重办): the lead's and the assistants' rows start
 * again at `dispatched` (to be acknowledged and resolved anew) with the reopen count and the
 * supervision level of the new round. Rows of units that returned the case or were withdrawn
 * stay as they are; a reopening heard twice, or out of order, changes nothing.
 */
export async function reopenCases(manager: EntityManager, reopened: EventEnvelope<'case.reopened'>[]): Promise<void> {
  await manager.query(
    `UPDATE department.cases c
        SET status = 'dispatched', reopen_count = r.reopen_count, supervision_level = r.level,
            acknowledged_at = NULL, resolved_at = NULL, resolution = NULL, updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::int[]) AS r(case_id, reopen_count, level)
      WHERE c.case_id = r.case_id AND c.role IN ('lead', 'assistant') AND c.reopen_count < r.reopen_count
        AND c.status IN ('dispatched', 'acknowledged', 'resolved')`,
    [reopened.map((e) => e.caseId), reopened.map((e) => e.payload.reopenCount), reopened.map((e) => e.payload.supervisionLevel)],
  );
}
