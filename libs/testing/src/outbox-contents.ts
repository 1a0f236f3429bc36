import { DataSource } from 'typeorm';

/** How many events of each type a service's outbox holds for the given cases, by type name. */
export async function outboxEventCounts(dataSource: DataSource, schema: string, caseIds: string[]): Promise<Record<string, number>> {
  const rows: { type: string; n: number }[] = await dataSource.query(
    `SELECT type, count(*)::int AS n FROM "${schema}".outbox WHERE case_id = ANY($1::uuid[]) GROUP BY type`,
    [caseIds],
  );
  return Object.fromEntries(rows.map((row) => [row.type, row.n]));
}
