import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { DepartmentCaseEntity } from '../cases/department-case.entity';
import { CaseDeadlinesDto } from './case-deadlines.dto';
import { CaseDeadlinesRow, DEADLINE_COLUMNS, NEXT_DUE_SQL, OVERDUE_SQL } from './case-deadlines.row';

const OF_CASE = `d.case_id = c.case_id AND d.department_code = c.department_code AND d.round = c.round`;
/** The deadlines row of `c`'s current round, or nulls when routing has told nothing yet. */
const WITH_DEADLINES = `FROM (SELECT 1) AS one LEFT JOIN department.case_deadlines d ON ${OF_CASE}`;

/** Narrows a list of the unit's cases (`c`) to the overdue ones, or those due before a time. */
export function filterByDeadlines(builder: SelectQueryBuilder<DepartmentCaseEntity>, query: { overdue?: boolean; dueBefore?: string }): void {
  if (query.overdue !== undefined) builder.andWhere(`COALESCE((SELECT ${OVERDUE_SQL} ${WITH_DEADLINES}), false) = :overdue`, { overdue: query.overdue });
  if (query.dueBefore) builder.andWhere(`(SELECT ${NEXT_DUE_SQL} ${WITH_DEADLINES}) < :dueBefore`, { dueBefore: new Date(query.dueBefore) });
}

/** The deadlines of a unit's cases, by case id. */
export async function deadlinesOf(manager: EntityManager, departmentCode: string, caseIds: string[]): Promise<Map<string, CaseDeadlinesDto>> {
  if (caseIds.length === 0) return new Map();
  const rows: (CaseDeadlinesRow & { id: string; overdue: boolean | null; nextDueAt: Date | null; acknowledgeDue: Date })[] = await manager.query(
    `SELECT c.case_id AS id, c.due_at AS "acknowledgeDue", ${DEADLINE_COLUMNS}, ${OVERDUE_SQL} AS overdue, ${NEXT_DUE_SQL} AS "nextDueAt"
     FROM department.cases c LEFT JOIN department.case_deadlines d ON ${OF_CASE}
     WHERE c.department_code = $1 AND c.case_id = ANY($2::uuid[])`,
    [departmentCode, caseIds],
  );
  return new Map(rows.map((row) => [row.id, view(row, row)]));
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

function view(d: Partial<CaseDeadlinesRow>, c: { overdue: boolean | null; nextDueAt: Date | null; acknowledgeDue: Date }): CaseDeadlinesDto {
  return {
    due: { acknowledge: c.acknowledgeDue.toISOString(), ...(d.clockDue ?? {}) },
    nextDueAt: iso(c.nextDueAt),
    overdue: c.overdue ?? false,
    breached: d.breached ?? [],
    supervision: d.supervisionLevel ? { level: d.supervisionLevel, dueAt: d.supervisionDueAt!.toISOString(), supervisorCode: d.supervisorCode ?? null } : null,
    registeredAt: iso(d.registeredAt ?? null),
    reviewAt: iso(d.reviewAt ?? null),
    pause: d.pausedSince ? { since: d.pausedSince.toISOString(), reason: d.pauseReason!, note: d.pauseNote ?? null } : null,
    pausedMs: Number(d.pausedMs ?? 0),
    extension: d.extensionState ? { state: d.extensionState, until: d.extensionUntil!.toISOString(), reason: d.extensionReason!, decision: d.extensionDecision ?? null } : null,
    firstContactAt: iso(d.firstContactAt ?? null),
  };
}
