import { Provider } from '@nestjs/common';
import { DataSource, QueryRunner } from 'typeorm';
import { ApiKeyGuard, Caller, CallerDirectory } from './api-key.guard';

/** Finds callers in a service's own table of (code, api_key_hash). */
class TableCallerDirectory extends CallerDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly table: string,
  ) {
    super();
  }

  async findByKeyHash(keyHash: string): Promise<Caller | null> {
    const [row] = await this.dataSource.query(`SELECT code FROM ${this.table} WHERE api_key_hash = $1`, [keyHash]);
    return row ? { code: row.code } : null;
  }
}

/** Providers for API-key authentication against `table` (schema-qualified, e.g. "intake.integrations"). */
export function apiKeyAuth(table: string): Provider[] {
  return [
    { provide: CallerDirectory, inject: [DataSource], useFactory: (ds: DataSource) => new TableCallerDirectory(ds, table) },
    ApiKeyGuard,
  ];
}

/** The table apiKeyAuth reads: one row per caller, only the hash of its key. For migrations. */
export async function createCallersTable(runner: QueryRunner, table: string): Promise<void> {
  await runner.query(`CREATE TABLE ${table} (code text PRIMARY KEY, name text NOT NULL, api_key_hash text NOT NULL UNIQUE)`);
}
