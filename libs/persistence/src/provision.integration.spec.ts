import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, provisionDatabase } from './provision';
import { serviceDatabase, serviceDatabaseUrl } from './service-database';

describe('database provisioning on real Postgres', () => {
  const intake = serviceDatabase('intake');
  const routing = serviceDatabase('routing');
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/gw_provision_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();

  const as = async <T>(db: typeof intake, work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: serviceDatabaseUrl(databaseUrl, db) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => provisionDatabase(databaseUrl, [intake, routing]));
  afterAll(() => dropDatabase(databaseUrl));

  it('is idempotent', async () => {
    await expect(provisionDatabase(databaseUrl, [intake, routing])).resolves.toBeUndefined();
  });

  it('gives each service a schema of its own, found first on its search path', async () => {
    await as(routing, (c) => c.query('CREATE TABLE routing.rules (id int)'));
    const schema = await as(intake, async (c) => {
      await c.query('CREATE TABLE cases (id int)');
      return (await c.query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'cases'`)).rows;
    });
    expect(schema).toEqual([{ table_schema: 'intake' }]);
  });

  it("keeps every service out of every other service's schema and out of public", async () => {
    await expect(as(intake, (c) => c.query('SELECT * FROM routing.rules'))).rejects.toThrow(/permission denied for schema routing/);
    await expect(as(intake, (c) => c.query('CREATE TABLE routing.sneaky (id int)'))).rejects.toThrow(/permission denied/);
    await expect(as(intake, (c) => c.query('CREATE TABLE public.sneaky (id int)'))).rejects.toThrow(/permission denied/);
  });
});
