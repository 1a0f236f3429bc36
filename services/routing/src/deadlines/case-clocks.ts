import { EntityManager } from 'typeorm';
import { CaseClock } from '@gridwhistle/contracts';
import { Directory } from '../directory/directory';
import { ClocksDocument } from './deadline-policy.document';
import { Pause, budgetOf, pointOf } from './clock';
import { ClockState, scheduleOf } from './clock-schedule';

const POLICY_KEY: Record<CaseClock, keyof ClocksDocument> = {
  acknowledge: 'acknowledge',
  first_contact: 'firstContact',
  resolve: 'resolve',
  callback: 'callback',
};

/** A clock to start for a case and unit. */
export interface ClockStart {
  caseId: string;
  unitCode: string;
  clock: CaseClock;
  round: number;
  gridCode: string;
  policy: string;
  startedAt: Date;
  traceparent: string | null;
}

/** A clock row as stored. */
export interface ClockRow extends ClockStart {
  id: string;
  measure: 'wall' | 'working';
  budgetMs: string;
  pauses: Pause[];
}

export const CLOCK_COLUMNS = `c.id, c.case_id AS "caseId", c.unit_code AS "unitCode", c.clock, c.round, c.grid_code AS "gridCode", c.policy,
  c.started_at AS "startedAt", c.measure, c.budget_ms AS "budgetMs", c.pauses, c.traceparent`;

export function stateOf(row: ClockRow): ClockState {
  return { clock: row.clock, startedAt: row.startedAt.getTime(), budget: { measure: row.measure, budgetMs: Number(row.budgetMs) }, pauses: row.pauses };
}

/** When a clock of `policy` started at `start` in `gridCode` is due; undefined for an unknown policy. */
export function dueOf(directory: Directory, policy: string, gridCode: string, clock: CaseClock, start: Date): Date | undefined {
  const length = directory.clocks(policy, gridCode)?.[POLICY_KEY[clock]];
  if (!length) return undefined;
  return new Date(pointOf(directory.calendar, start.getTime(), budgetOf(directory.calendar, start.getTime(), length), [])!);
}

/**
 * Starts clocks in the caller's transaction, with their timers; a clock started before (same
 * case, unit, clock and round) is left as it is, so a redelivered event starts nothing twice.
 */
export async function startClocks(manager: EntityManager, directory: Directory, starts: ClockStart[]): Promise<void> {
  const known = starts.flatMap((s) => {
    const length = directory.clocks(s.policy, s.gridCode)?.[POLICY_KEY[s.clock]];
    return length ? [{ ...s, budget: budgetOf(directory.calendar, s.startedAt.getTime(), length) }] : [];
  });
  if (known.length === 0) return;
  const column = <T>(pick: (s: (typeof known)[number]) => T) => known.map(pick);
  const started: ClockRow[] = await manager.query(
    `INSERT INTO routing.case_clocks AS c (case_id, unit_code, clock, round, grid_code, policy, started_at, measure, budget_ms, traceparent, due_at)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::bigint[], $10::text[], $11::timestamptz[])
     ON CONFLICT (case_id, unit_code, clock, round) DO NOTHING
     RETURNING ${CLOCK_COLUMNS}`,
    [
      column((s) => s.caseId),
      column((s) => s.unitCode),
      column((s) => s.clock),
      column((s) => s.round),
      column((s) => s.gridCode),
      column((s) => s.policy),
      column((s) => s.startedAt),
      column((s) => s.budget.measure),
      column((s) => s.budget.budgetMs),
      column((s) => s.traceparent),
      column((s) => new Date(pointOf(directory.calendar, s.startedAt.getTime(), s.budget, [])!)),
    ],
  );
  await writeTimers(manager, directory, started);
}

/** (Re)writes the timers of clocks that have not fired yet, from the clocks as they now stand. */
export async function writeTimers(manager: EntityManager, directory: Directory, clocks: ClockRow[]): Promise<void> {
  const timers = clocks.flatMap((row) =>
    scheduleOf(directory.calendar, directory.document.supervision, stateOf(row)).map((t) => ({ id: row.id, step: t.step, fireAt: t.fireAt === undefined ? null : new Date(t.fireAt) })),
  );
  if (timers.length === 0) return;
  await manager.query(
    `INSERT INTO routing.clock_timers (clock_id, step, fire_at)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[])
     ON CONFLICT (clock_id, step) DO UPDATE SET fire_at = excluded.fire_at WHERE clock_timers.fired_at IS NULL`,
    [timers.map((t) => t.id), timers.map((t) => t.step), timers.map((t) => t.fireAt)],
  );
}

/** A clock to stop: of one unit, or of every unit of the case when unitCode is left out. */
export interface ClockStop {
  caseId: string;
  unitCode?: string;
  clocks: CaseClock[];
  reason: string;
  at: Date;
}

/**
 * Stops running clocks and drops the timers they have not fired, in the caller's transaction.
 * A timer being fired at this moment holds its row: the delete waits for it and leaves it fired.
 */
export async function stopClocks(manager: EntityManager, stops: ClockStop[]): Promise<void> {
  const each = stops.flatMap((s) => s.clocks.map((clock) => ({ ...s, clock })));
  if (each.length === 0) return;
  await manager.query(
    `WITH stopped AS (
       UPDATE routing.case_clocks c SET stopped_at = s.at, stop_reason = s.reason
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS s(case_id, unit_code, clock, reason, at)
       WHERE c.case_id = s.case_id AND (s.unit_code IS NULL OR c.unit_code = s.unit_code) AND c.clock = s.clock AND c.stopped_at IS NULL
       RETURNING c.id)
     DELETE FROM routing.clock_timers t USING stopped WHERE t.clock_id = stopped.id AND t.fired_at IS NULL`,
    [each.map((s) => s.caseId), each.map((s) => s.unitCode ?? null), each.map((s) => s.clock), each.map((s) => s.reason), each.map((s) => s.at)],
  );
}
