import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadlineNews, patchesOf } from './deadline-news';

/** Keeps each unit's deadlines as routing announces them, one statement per batch. */
@Injectable()
export class DeadlineNewsService {
  async record(manager: EntityManager, events: DeadlineNews[]): Promise<void> {
    const patches = [...patchesOf(events).values()];
    if (patches.length === 0) return;
    const keys = [patches.map((p) => p.caseId), patches.map((p) => p.unitCode), patches.map((p) => p.round)];
    await manager.query(
      `INSERT INTO department.case_deadlines (case_id, department_code, round)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[]) ON CONFLICT DO NOTHING`,
      keys,
    );
    await manager.query(
      `UPDATE department.case_deadlines d SET
         clock_due = d.clock_due || (p.patch->'clockDue'),
         breached = ARRAY(SELECT DISTINCT x FROM unnest(d.breached || ARRAY(SELECT jsonb_array_elements_text(p.patch->'breached'))) AS x
                          WHERE NOT x = ANY(ARRAY(SELECT jsonb_array_elements_text(p.patch->'cleared')))),
         supervision_level = CASE WHEN p.patch ? 'level' THEN p.patch->>'level' WHEN (p.patch->>'clearSupervision')::boolean THEN NULL ELSE d.supervision_level END,
         supervision_due_at = CASE WHEN p.patch ? 'level' THEN (p.patch->>'levelDueAt')::timestamptz WHEN (p.patch->>'clearSupervision')::boolean THEN NULL ELSE d.supervision_due_at END,
         supervisor_code = CASE WHEN p.patch ? 'level' THEN p.patch->>'supervisorCode' WHEN (p.patch->>'clearSupervision')::boolean THEN NULL ELSE d.supervisor_code END,
         registered_at = COALESCE((p.patch->>'registeredAt')::timestamptz, d.registered_at),
         review_at = COALESCE((p.patch->>'reviewAt')::timestamptz, d.review_at),
         extension_state = COALESCE(p.patch->>'extensionState', d.extension_state),
         extension_decision = CASE WHEN p.patch ? 'extensionState' THEN p.patch->>'extensionDecision' ELSE d.extension_decision END,
         paused_ms = d.paused_ms + CASE WHEN d.paused_since IS NOT NULL AND p.patch ? 'pauseEndedMs' THEN (p.patch->>'pauseEndedMs')::bigint ELSE 0 END,
         paused_since = CASE WHEN p.patch ? 'pauseEndedMs' THEN NULL ELSE d.paused_since END
       FROM unnest($1::uuid[], $2::text[], $3::int[], $4::jsonb[]) AS p(case_id, unit, round, patch)
       WHERE d.case_id = p.case_id AND d.department_code = p.unit AND d.round = p.round`,
      [...keys, patches.map((p) => JSON.stringify(p.patch))],
    );
  }
}
