import { deadlinesOf, filterByDeadlines } from '../deadlines/case-deadlines.view';
import { ValidateBy, ValidationOptions } from 'class-validator';
import { DataSource } from 'typeorm';
import { DepartmentCaseEntity } from './department-case.entity';
import { view } from './case-view';
import type { ListCasesQueryDto } from './case-actions.dto';

const CURSOR = /^c(\d{1,19})$/;

const encode = (seq: string): string => Buffer.from(`c${seq}`).toString('base64url');

function decode(cursor: string): string | null {
  return CURSOR.exec(Buffer.from(cursor, 'base64url').toString())?.[1] ?? null;
}

export const IsListCursor = (options: ValidationOptions) =>
  ValidateBy({ name: 'isListCursor', validator: { validate: (value) => typeof value === 'string' && decode(value) !== null } }, options);

/**
 * A unit's cases in the order they last changed, a page at a time, never skipping one.
 *
 * Paging by (updated_at, case_id) would skip a case whose transaction stamped an older time but
 * committed after a reader had passed that point. Each row carries instead `change_seq`, drawn
 * at commit time in commit order (see the Desk migration): once a reader sees a number, no
 * smaller one can still commit, so a cursor on it never passes over a case. A case that changes
 * again takes a new number and comes again after the cursor.
 */
export async function listCases(dataSource: DataSource, unitCode: string, query: ListCasesQueryDto) {
  const after = query.after ? decode(query.after) : null;
  const builder = dataSource.getRepository(DepartmentCaseEntity).createQueryBuilder('c').where('c.department_code = :unitCode', { unitCode });
  if (query.status) builder.andWhere('c.status = :status', { status: query.status });
  if (query.role) builder.andWhere('c.role = :role', { role: query.role });
  if (query.category) builder.andWhere('c.category_code = :category', { category: query.category });
  if (query.updatedSince) builder.andWhere('c.updated_at >= :updatedSince', { updatedSince: query.updatedSince });
  if (after) builder.andWhere('c.change_seq > :after', { after });
  filterByDeadlines(builder, query);
  const { entities, raw } = await builder
    .addSelect('c.change_seq::text', 'seq')
    .orderBy('c.change_seq')
    .limit(query.limit)
    .getRawAndEntities<{ seq: string }>();
  const last = raw.length > 0 ? raw[raw.length - 1].seq : after;
  const deadlines = await deadlinesOf(dataSource.manager, unitCode, entities.map((c) => c.caseId));
  return {
    cases: entities.map((c) => ({ ...view(c), deadlines: deadlines.get(c.caseId)! })),
    next: entities.length === query.limit ? encode(last!) : null,
    resumeAfter: last ? encode(last) : null,
  };
}
