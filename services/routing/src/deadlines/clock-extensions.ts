import { EntityManager } from 'typeorm';
import { Directory } from '../directory/directory';
import { ClockRow, stateOf } from './case-clocks';
import { budgetUntil } from './clock';
import { saveClocks } from './clock-rows';

/** An extension request (延期) as routing keeps it, with what became of it. */
export interface ExtensionRow {
  id: string;
  clockId: string;
  caseId: string;
  unitCode: string;
  round: number;
  until: Date;
  reason: string;
  state: 'pending' | 'granted' | 'refused';
  decidedBy: 'policy' | 'command_centre' | null;
  operatorCode: string | null;
  decisionReason: string | null;
  requestedAt: Date;
  decidedAt: Date | null;
}

export const EXTENSION_COLUMNS = `e.id, e.clock_id AS "clockId", e.case_id AS "caseId", e.unit_code AS "unitCode", e.round, e.until, e.reason, e.state,
  e.decided_by AS "decidedBy", e.operator_code AS "operatorCode", e.decision_reason AS "decisionReason", e.requested_at AS "requestedAt", e.decided_at AS "decidedAt"`;

/** Moves a resolve clock's deadline to `until`, the pauses not counting, and re-plans its timers. */
export async function extendClock(manager: EntityManager, directory: Directory, row: ClockRow, until: number): Promise<void> {
  const state = stateOf(row);
  row.budgetMs = String(budgetUntil(directory.calendar, state.startedAt, state.budget.measure, state.pauses, until).budgetMs);
  await saveClocks(manager, directory, [row]);
}

/** Extensions of a clock the policy granted by itself so far. */
export async function grantedByPolicy(manager: EntityManager, clockId: string): Promise<number> {
  const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM routing.clock_extensions WHERE clock_id = $1 AND state = 'granted' AND decided_by = 'policy'`, [clockId]);
  return n;
}

export async function recordExtension(manager: EntityManager, row: Omit<ExtensionRow, 'id'>): Promise<void> {
  await manager.query(
    `INSERT INTO routing.clock_extensions (clock_id, case_id, unit_code, round, until, reason, state, decided_by, operator_code, decision_reason, requested_at, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [row.clockId, row.caseId, row.unitCode, row.round, row.until, row.reason, row.state, row.decidedBy, row.operatorCode, row.decisionReason, row.requestedAt, row.decidedAt],
  );
}
