import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Client, ClientConfig } from 'pg';
import { MissingRolePasswordError, dropDatabase, provisionDatabase, quoteIdent } from './provision';
import { schemaOwnerConnection, serviceDatabase, serviceDatabaseUrl } from './service-database';

/** Whether a SCRAM-SHA-256 verifier from pg_authid is the one of `password` (the test server trusts every login). */
function verifierMatches(verifier: string, password: string): boolean {
  const [, iterations, salt, storedKey] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$([^:]+):/.exec(verifier)!;
  const salted = pbkdf2Sync(password, Buffer.from(salt, 'base64'), Number(iterations), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  return createHash('sha256').update(clientKey).digest('base64') === storedKey;
}

describe('database provisioning on real Postgres', () => {
  const intake = serviceDatabase('intake');
  const routing = serviceDatabase('routing');
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/gw_provision_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  // Roles belong to the whole server, which other test runs share: tests that create or
  // change roles use schema names of their own, and drop those roles afterwards.
  const unique = (name: string) => `${name}_${randomBytes(3).toString('hex')}`;
  const ownRoles: string[] = [];

  const connect = async <T>(config: ClientConfig, work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client(config);
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const as = <T>(db: typeof intake, work: (client: Client) => Promise<T>) =>
    connect({ connectionString: serviceDatabaseUrl(databaseUrl, db) }, work);
  const asOwner = <T>(schema: string, work: (client: Client) => Promise<T>) => connect(schemaOwnerConnection(databaseUrl, schema), work);
  const asAdmin = <T>(work: (client: Client) => Promise<T>) => connect({ connectionString: databaseUrl }, work);
  const verifier = async (role: string): Promise<string> =>
    (await asAdmin((c) => c.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [role]))).rows[0].rolpassword;

  beforeAll(async () => {
    await provisionDatabase(databaseUrl, [intake, routing]);
    // A table created by a migration after provisioning, as the owner.
    await asOwner('routing', (c) => c.query('CREATE TABLE routing.rules (id int)'));
    await asOwner('intake', (c) => c.query('CREATE TABLE cases (id bigserial PRIMARY KEY, note text)'));
  });

  afterAll(async () => {
    await dropDatabase(databaseUrl);
    const maintenance = new URL(databaseUrl);
    maintenance.pathname = '/postgres';
    await connect({ connectionString: maintenance.toString() }, async (c) => {
      for (const role of ownRoles) await c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`);
    });
  });

  it('is idempotent', async () => {
    await expect(provisionDatabase(databaseUrl, [intake, routing])).resolves.toBeUndefined();
  });

  it('lets the service role read and write the rows of the tables that migrations create, found on its search path', async () => {
    const rows = await as(intake, async (c) => {
      await c.query(`INSERT INTO cases (note) VALUES ('a'), ('b')`);
      await c.query(`UPDATE cases SET note = 'c' WHERE note = 'b'`);
      await c.query(`DELETE FROM cases WHERE note = 'a'`);
      return (await c.query('SELECT note FROM intake.cases')).rows;
    });
    expect(rows).toEqual([{ note: 'c' }]);
  });

  it('gives the service role no CREATE, TRUNCATE, DROP or ALTER in its own schema, and no temporary tables', async () => {
    const attempt = (sql: string) => as(intake, (c) => c.query(sql));
    await expect(attempt('CREATE TABLE intake.sneaky (id int)')).rejects.toThrow(/permission denied for schema intake/);
    await expect(attempt('TRUNCATE intake.cases')).rejects.toThrow(/permission denied for table cases/);
    await expect(attempt('DROP TABLE intake.cases')).rejects.toThrow(/must be owner of table cases/);
    await expect(attempt('ALTER TABLE intake.cases ADD COLUMN x int')).rejects.toThrow(/must be owner of table cases/);
    await expect(attempt('CREATE TEMPORARY TABLE scratch (id int)')).rejects.toThrow(/permission denied to create temporary tables/);
    await expect(attempt('DROP SCHEMA intake CASCADE')).rejects.toThrow(/must be owner of schema intake/);
  });

  it("keeps every service out of every other service's schema and out of public", async () => {
    await expect(as(intake, (c) => c.query('SELECT * FROM routing.rules'))).rejects.toThrow(/permission denied for schema routing/);
    await expect(as(intake, (c) => c.query('CREATE TABLE routing.sneaky (id int)'))).rejects.toThrow(/permission denied/);
    await expect(as(intake, (c) => c.query('CREATE TABLE public.sneaky (id int)'))).rejects.toThrow(/permission denied/);
  });

  it("never changes an existing role's password, and creates a missing one only when given a password", async () => {
    const schema = unique('pw');
    const db = serviceDatabase(schema);
    ownRoles.push(db.role, db.owner);
    await expect(provisionDatabase(databaseUrl, [{ schema }])).rejects.toThrow(MissingRolePasswordError);
    await provisionDatabase(databaseUrl, [{ schema, password: 'the-first-password' }]);
    await provisionDatabase(databaseUrl, [{ schema, password: 'another-password' }]);
    await provisionDatabase(databaseUrl, [{ schema }]);
    const after = await verifier(db.role);
    expect(verifierMatches(after, 'the-first-password')).toBe(true);
    expect(verifierMatches(after, 'another-password')).toBe(false);
  });

  it('hands a schema provisioned before owner roles existed over to the owner, leaving the service role its rows', async () => {
    const schema = unique('legacy');
    const db = serviceDatabase(schema);
    ownRoles.push(db.role, db.owner);
    await asAdmin(async (c) => {
      await c.query(`CREATE ROLE ${quoteIdent(db.role)} LOGIN PASSWORD 'an-old-password'`);
      await c.query(`CREATE SCHEMA ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(db.role)}`);
      await c.query(`SET ROLE ${quoteIdent(db.role)}`);
      await c.query(`CREATE TABLE ${quoteIdent(schema)}.cases (id int)`);
    });
    await provisionDatabase(databaseUrl, [{ schema }]);
    await as(db, (c) => c.query(`INSERT INTO ${quoteIdent(schema)}.cases VALUES (1)`));
    await expect(as(db, (c) => c.query(`DROP TABLE ${quoteIdent(schema)}.cases`))).rejects.toThrow(/must be owner/);
    await expect(as(db, (c) => c.query(`CREATE TABLE ${quoteIdent(schema)}.more (id int)`))).rejects.toThrow(/permission denied/);
  });
});
