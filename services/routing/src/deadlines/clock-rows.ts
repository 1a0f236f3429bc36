import { EntityManager } from 'typeorm';
import { CaseClock } from '@gridwhistle/contracts';
import { Directory } from '../directory/directory';
import { CLOCK_COLUMNS, ClockRow, writeTimers } from './case-clocks';
import { pointOf } from './clock';

/** The running clocks of one unit's round, locked for the change the caller is making. */
export function lockRunning(manager: EntityManager, caseId: string, unitCode: string, round: number, clocks: CaseClock[]): Promise<ClockRow[]> {
  return manager.query(
    `SELECT ${CLOCK_COLUMNS} FROM routing.case_clocks c
     WHERE c.case_id = $1 AND c.unit_code = $2 AND c.round = $3 AND c.clock = ANY($4::text[]) AND c.stopped_at IS NULL
     ORDER BY c.id FOR UPDATE`,
    [caseId, unitCode, round, clocks],
  );
}

/** When a clock is due as it now stands; undefined while an open pause holds it. */
export function dueOf(directory: Directory, row: ClockRow): number | undefined {
  return pointOf(directory.calendar, row.startedAt.getTime(), { measure: row.measure, budgetMs: Number(row.budgetMs) }, row.pauses);
}

/** Saves clocks whose budget or pauses changed and re-plans the timers they have not fired. */
export async function saveClocks(manager: EntityManager, directory: Directory, rows: ClockRow[]): Promise<void> {
  if (rows.length === 0) return;
  const due = rows.map((row) => dueOf(directory, row));
  await manager.query(
    `UPDATE routing.case_clocks c SET budget_ms = s.budget_ms, pauses = s.pauses, due_at = s.due_at
     FROM unnest($1::bigint[], $2::bigint[], $3::jsonb[], $4::timestamptz[]) AS s(id, budget_ms, pauses, due_at) WHERE c.id = s.id`,
    [rows.map((r) => r.id), rows.map((r) => r.budgetMs), rows.map((r) => JSON.stringify(r.pauses)), due.map((d) => (d === undefined ? null : new Date(d)))],
  );
  await writeTimers(manager, directory, rows);
}

/** Plans a timer outside a clock's schedule (a pause's bound, a register review); planning it twice changes nothing. */
export async function planTimer(manager: EntityManager, clockId: string, step: string, fireAt: number): Promise<void> {
  await manager.query(`INSERT INTO routing.clock_timers (clock_id, step, fire_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [clockId, step, new Date(fireAt)]);
}
