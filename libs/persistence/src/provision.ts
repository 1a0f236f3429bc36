import { Client } from 'pg';
import { serviceDatabase } from './service-database';

/** One service's schema to provision; `password` serves only to create its login role if missing. */
export interface SchemaToProvision {
  schema: string;
  password?: string;
}

export class MissingRolePasswordError extends Error {
  constructor(
    readonly schema: string,
    role: string,
  ) {
    super(`role ${role} does not exist and no password was given to create it`);
  }
}

/**
 * The first step of setup, run with the admin credentials of DATABASE_URL: creates the
 * database, then for each service a role without login that owns its schema (migrations run as
 * it, see asSchemaOwner) and the login role the service runs as, which may read and write the
 * rows of that schema's tables and nothing else: no CREATE, TRUNCATE or DROP, no other schema,
 * nothing in `public`, no temporary tables. An existing role's password is never changed.
 */
export async function provisionDatabase(databaseUrl: string, services: SchemaToProvision[]): Promise<void> {
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
      await client.query(`REVOKE TEMPORARY ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
      for (const service of services) await provisionSchema(client, database, service);
    } finally {
      await client.end();
    }
  });
}

async function provisionSchema(client: Client, database: string, { schema, password }: SchemaToProvision): Promise<void> {
  const { role, owner } = serviceDatabase(schema);
  const [r, o, s] = [role, owner, schema].map(quoteIdent);
  if (!(await roleExists(client, owner))) await client.query(`CREATE ROLE ${o} NOLOGIN`);
  // Setup migrates as the owner: the admin (when not a superuser) must be able to SET ROLE to it.
  const { rows: [admin] } = await client.query(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS member`, [owner]);
  if (!admin.member) await client.query(`GRANT ${o} TO CURRENT_USER`);
  if (!(await roleExists(client, role))) {
    if (password === undefined) throw new MissingRolePasswordError(schema, role);
    await client.query(`CREATE ROLE ${r} LOGIN PASSWORD ${quoteLiteral(password)}`);
  }
  await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${r}`);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${s} AUTHORIZATION ${o}`);
  const { rows: [current] } = await client.query('SELECT nspowner::regrole::text AS owner FROM pg_namespace WHERE nspname = $1', [schema]);
  if (current.owner === role) {
    // Provisioned before owner roles existed: the service role owned everything; hand it over.
    await client.query(`ALTER SCHEMA ${s} OWNER TO ${o}`);
    await client.query(`REASSIGN OWNED BY ${r} TO ${o}`);
  }
  await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${r}`);
  // Rows only, also of the tables that later migrations create (as the owner).
  await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${r}`);
  await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${r}`);
  await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA ${s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${r}`);
  await client.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${o} IN SCHEMA ${s} GRANT USAGE, SELECT ON SEQUENCES TO ${r}`);
  await client.query(`ALTER ROLE ${r} IN DATABASE ${quoteIdent(database)} SET search_path = ${s}`);
}

async function roleExists(client: Client, role: string): Promise<boolean> {
  return Boolean((await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount);
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
