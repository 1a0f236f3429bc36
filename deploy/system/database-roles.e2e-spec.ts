import { Client } from 'pg';
import { quoteIdent, serviceDatabase, serviceDatabaseUrl } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment } from '@gridwhistle/testing';
import { SERVICES, ServiceName, generateCredentials, loadSampleCity, rolePasswords, setUpSystem } from './setup';

/**
 * The roles the services run as, on the database setup makes (every migration run, the sample
 * city loaded): each reads and writes the rows of its own schema only, and changes no schema,
 * its own included. Every table of every schema is tried, so a new table is covered at once.
 */
describe("the services' database roles", () => {
  let env: IsolatedEnvironment;
  let admin: Client;
  const tables = new Map<ServiceName, string[]>();
  const clients = new Map<ServiceName, Client>();

  beforeAll(async () => {
    env = await createIsolatedEnvironment(SERVICES.map((s) => serviceDatabase(s)));
    const city = loadSampleCity();
    await setUpSystem({ databaseUrl: env.databaseUrl, kafka: env.kafka, city, credentials: generateCredentials(city), passwords: rolePasswords({}, 'local') });
    admin = new Client({ connectionString: env.databaseUrl });
    await admin.connect();
    for (const service of SERVICES) {
      const { rows } = await admin.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`, [service]);
      tables.set(service, rows.map((row) => `${quoteIdent(service)}.${quoteIdent(row.table_name)}`));
      const client = new Client({ connectionString: serviceDatabaseUrl(env.databaseUrl, serviceDatabase(service)) });
      await client.connect();
      clients.set(service, client);
    }
  });
  afterAll(async () => {
    await Promise.all([...clients.values(), admin].map((client) => client?.end()));
    await env?.dispose();
  });

  /** The SQLSTATE a statement fails with as `service`'s role, or 'ok'. */
  const attempt = async (service: ServiceName, sql: string): Promise<string> => {
    const client = clients.get(service)!;
    await client.query('BEGIN');
    try {
      await client.query(sql);
      return 'ok';
    } catch (error) {
      return (error as { code: string }).code;
    } finally {
      await client.query('ROLLBACK');
    }
  };
  const DENIED = '42501'; // insufficient_privilege; "must be owner" is the same SQLSTATE

  it('finds the tables of every schema', () => {
    for (const service of SERVICES) expect({ service, tables: tables.get(service)!.length > 2 }).toEqual({ service, tables: true });
  });

  it.each(SERVICES)("keeps %s out of every other service's tables: no SELECT, INSERT, UPDATE or DELETE", async (service) => {
    const outcomes: string[] = [];
    for (const other of SERVICES.filter((s) => s !== service)) {
      for (const table of tables.get(other)!) {
        for (const sql of [`SELECT 1 FROM ${table} LIMIT 1`, `INSERT INTO ${table} DEFAULT VALUES`, `UPDATE ${table} SET ctid = ctid WHERE false`, `DELETE FROM ${table} WHERE false`]) {
          const code = await attempt(service, sql);
          if (code !== DENIED) outcomes.push(`${sql}: ${code}`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });

  it.each(SERVICES)('lets %s read its own tables but change no schema: no CREATE, ALTER, DROP or TRUNCATE', async (service) => {
    const own = tables.get(service)!;
    const refused: string[] = [];
    for (const table of own) {
      expect(await attempt(service, `SELECT 1 FROM ${table} LIMIT 1`)).toBe('ok');
      for (const sql of [`ALTER TABLE ${table} ADD COLUMN sneaky int`, `DROP TABLE ${table}`, `TRUNCATE ${table}`, `CREATE INDEX sneaky ON ${table} ((1))`]) {
        const code = await attempt(service, sql);
        if (code !== DENIED) refused.push(`${sql}: ${code}`);
      }
    }
    for (const sql of [
      `CREATE TABLE ${quoteIdent(service)}.sneaky (id int)`,
      `CREATE VIEW ${quoteIdent(service)}.sneaky AS SELECT 1`,
      `CREATE FUNCTION ${quoteIdent(service)}.sneaky() RETURNS int LANGUAGE sql AS 'SELECT 1'`,
      `DROP SCHEMA ${quoteIdent(service)} CASCADE`,
      `ALTER SCHEMA ${quoteIdent(service)} RENAME TO sneaky`,
      'CREATE SCHEMA sneaky',
      'CREATE TABLE public.sneaky (id int)',
    ]) {
      const code = await attempt(service, sql);
      if (code !== DENIED) refused.push(`${sql}: ${code}`);
    }
    expect(refused).toEqual([]);
  });
});
