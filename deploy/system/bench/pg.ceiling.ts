import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { QueryRunner } from 'typeorm';
import { createMessagingTables } from '@gridwhistle/messaging';
import { sampleEnvelope } from './raw.sample';

const run = promisify(execFile);
const SCHEMA = 'bench_ceiling';

/**
 * The machine's ceiling for the system's basic write: single-row insert transactions per
 * second with pgbench, 8 clients, into an outbox table made by the project's own migration
 * code (same columns, indexes and NOTIFY trigger), under the server's own durability
 * settings. Returns null, and says why, when pgbench is not installed.
 */
export async function pgCeiling(databaseUrl: string, seconds: number, log: (line: string) => void, clients = 8): Promise<number | null> {
  const pgbench = process.env.PGBENCH ?? ['/usr/bin/pgbench', '/usr/local/bin/pgbench'].find((path) => existsSync(path)) ?? 'pgbench';
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const dir = mkdtempSync(join(tmpdir(), 'gridwhistle-pgbench-'));
  try {
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    // The migration helper needs only query(): a plain client stands in for TypeORM's runner.
    await createMessagingTables({ query: (sql: string) => db.query(sql) } as unknown as QueryRunner, SCHEMA);
    const { rows } = await db.query(`SELECT current_setting('synchronous_commit') AS sync, current_setting('fsync') AS fsync`);
    const script = join(dir, 'outbox-insert.sql');
    writeFileSync(
      script,
      `INSERT INTO ${SCHEMA}.outbox (id, case_id, topic, type, envelope) ` +
        `VALUES (gen_random_uuid(), gen_random_uuid(), 'intake', 'case.reported', $json$${sampleEnvelope()}$json$);\n`,
    );
    const threads = String(Math.min(clients, cpus().length));
    const { stdout } = await run(pgbench, ['-n', '-M', 'prepared', '-c', String(clients), '-j', threads, '-T', String(seconds), '-f', script, databaseUrl]);
    const tps = stdout.match(/tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${stdout}`);
    log(`Postgres ceiling: ${Number(tps).toFixed(0)} single-row outbox inserts/s (pgbench, ${clients} clients, synchronous_commit ${rows[0].sync}, fsync ${rows[0].fsync})`);
    return Number(tps);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      log(`Postgres ceiling not measured: no pgbench (set PGBENCH to its path)`);
      return null;
    }
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await db.end();
  }
}

