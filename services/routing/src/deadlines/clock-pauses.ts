import { EntityManager } from 'typeorm';
import { CaseClock, PauseEnding } from '@gridwhistle/contracts';
import { Directory } from '../directory/directory';
import { ClockRow } from './case-clocks';
import { after } from './clock-schedule';
import { dueOf, lockRunning, planTimer, saveClocks } from './clock-rows';

/** The clocks a wait on the resident or a third party holds: the lead's first contact and resolve. */
const PAUSABLE: CaseClock[] = ['first_contact', 'resolve'];

export interface UnitRound {
  caseId: string;
  unitCode: string;
  round: number;
}

/** How a pause of a unit's clocks ended, for the event that says so. */
export interface PauseEnd {
  ending: PauseEnding;
  pausedMs: number;
  dueAt?: string;
}

const isOpen = (row: ClockRow) => row.pauses.some((p) => p.to === undefined);
const resolveOf = (rows: ClockRow[]) => rows.find((r) => r.clock === 'resolve') ?? rows[0];
const dueIso = (directory: Directory, rows: ClockRow[]) => {
  const row = rows.find((r) => r.clock === 'resolve');
  const due = row && dueOf(directory, row);
  return due === undefined ? undefined : new Date(due).toISOString();
};

/**
 * Stops a unit's running clocks at `at` and plans their start again at the policy's bound.
 * Answers how the pause ended at once when it is not allowed: no running clock, a pause already
 * open, or as many pauses as the policy allows already taken.
 */
export async function pauseClocks(manager: EntityManager, directory: Directory, unit: UnitRound, at: number): Promise<PauseEnd | undefined> {
  const rows = await lockRunning(manager, unit.caseId, unit.unitCode, unit.round, PAUSABLE);
  const { maxTimes, maxLength } = directory.document.supervision.pause;
  const main = resolveOf(rows);
  if (!main || rows.some(isOpen) || main.pauses.length >= maxTimes) return { ending: 'not_allowed', pausedMs: 0, dueAt: dueIso(directory, rows) };
  for (const row of rows) row.pauses = [...row.pauses, { from: at }];
  await saveClocks(manager, directory, rows);
  await planTimer(manager, main.id, `resume:${main.pauses.length}`, after(directory.calendar, at, maxLength));
  return undefined;
}

/** Starts a unit's paused clocks again at `at`; undefined when none was paused (resumed before, or never paused). */
export async function resumeClocks(manager: EntityManager, directory: Directory, unit: UnitRound, at: number, ending: PauseEnding): Promise<PauseEnd | undefined> {
  const rows = (await lockRunning(manager, unit.caseId, unit.unitCode, unit.round, PAUSABLE)).filter(isOpen);
  if (rows.length === 0) return undefined;
  const from = Math.min(...rows.map((row) => row.pauses.find((p) => p.to === undefined)!.from));
  for (const row of rows) row.pauses = row.pauses.map((p) => (p.to === undefined ? { from: p.from, to: Math.max(p.from, at) } : p));
  const pausedMs = Math.max(0, at - from);
  await saveClocks(manager, directory, rows);
  await manager.query(`DELETE FROM routing.clock_timers WHERE clock_id = ANY($1::bigint[]) AND step LIKE 'resume:%' AND fired_at IS NULL`, [rows.map((r) => r.id)]);
  return { ending, pausedMs, dueAt: dueIso(directory, rows) };
}
