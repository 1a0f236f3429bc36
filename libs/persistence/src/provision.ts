import { Client } from 'pg';
import { ServiceDatabase } from './service-database';

/**
 * The first migration, run with the admin credentials of DATABASE_URL: creates the database,
 * then for each service a login role and a schema it owns. No role gets rights on another's
 * schema, and nobody may create objects in `public`.
 */
export async function provisionDatabase(databaseUrl: string, services: ServiceDatabase[]): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  await withMaintenanceClient(url, async (maintenance) => {
    // Roles belong to the whole server, and advisory locks to one database: lock in the
    // maintenance database, so that parallel test files and processes take turns.
    await maintenance.query('SELECT pg_advisory_lock(hashtext($1))', ['gridwhistle.provision']);
    await ensureDatabase(maintenance, database);
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
      for (const db of services) {
        const role = quoteIdent(db.role);
        const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [db.role]);
        const verb = exists.rowCount ? 'ALTER' : 'CREATE';
        await client.query(`${verb} ROLE ${role} LOGIN PASSWORD ${quoteLiteral(db.password)}`);
        await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${role}`);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(db.schema)} AUTHORIZATION ${role}`);
        await client.query(`ALTER ROLE ${role} IN DATABASE ${quoteIdent(database)} SET search_path = ${quoteIdent(db.schema)}`);
      }
    } finally {
      await client.end();
    }
  });
}

/** Drops a database created for a test run (roles are shared by the cluster and kept). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  await withMaintenanceClient(url, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
  );
}

async function ensureDatabase(maintenance: Client, database: string): Promise<void> {
  const found = await maintenance.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (!found.rowCount) await maintenance.query(`CREATE DATABASE ${quoteIdent(database)}`);
}

async function withMaintenanceClient<T>(url: URL, work: (client: Client) => Promise<T>): Promise<T> {
  const maintenance = new URL(url.toString());
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
