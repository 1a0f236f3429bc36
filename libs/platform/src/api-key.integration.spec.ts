import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Controller, Get, Global, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { TransientFailures } from '@gridwhistle/messaging';
import { MetricsModule } from '@gridwhistle/observability';
import { asSchemaOwner, dropDatabase, provisionDatabase, serviceDatabase, typeOrmOptions } from '@gridwhistle/persistence';
import { eventually } from '@gridwhistle/testing';
import { generateApiKey, hashApiKey } from './api-key';
import { ApiKeyAuthModule, callersMigrations, createCallersTable } from './api-key.auth';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyGuard, Caller, CurrentCaller } from './api-key.guard';

const TABLE = 'callers.integrations';

@Controller()
class WhoAmI {
  @Get('whoami')
  @UseGuards(ApiKeyGuard)
  whoami(@CurrentCaller() caller: Caller) {
    return caller;
  }
}

/** API keys checked by a Nest app running as a service role, its callers table changed behind its back by an admin. */
describe('API keys on real Postgres', () => {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/gw_api_keys_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  const db = serviceDatabase('callers');
  const admin = new Client({ connectionString: databaseUrl });
  let app: NestFastifyApplication;

  const status = async (apiKey: string) =>
    (await app.inject({ method: 'GET', url: '/whoami', headers: { authorization: `Bearer ${apiKey}` } })).statusCode;
  const lookups = async () =>
    (await app.get(Registry).getSingleMetric('gridwhistle_api_key_lookups_total')!.get()).values.reduce((sum, v) => sum + v.value, 0);
  const addCaller = async (code: string) => {
    const apiKey = generateApiKey(code);
    await admin.query(`INSERT INTO ${TABLE} (code, name, api_key_hash) VALUES ($1, $1, $2)`, [code, hashApiKey(apiKey)]);
    return apiKey;
  };
  /** A new key that works and is served from the cache (once its insert's notification has cleared it): a call looks nothing up. */
  const cachedKey = async (code: string) => {
    const { cache } = app.get(ApiKeyAuthenticator);
    const heard = cache.version;
    const apiKey = await addCaller(code);
    // The insert's own notification clears the cache: wait until it has been heard, or it could
    // clear the key just cached.
    await eventually(() => expect(cache.version).toBeGreaterThan(heard), 5000, 10);
    await eventually(async () => {
      expect(await status(apiKey)).toBe(200);
      const before = await lookups();
      expect(await status(apiKey)).toBe(200);
      expect(await lookups()).toBe(before);
    }, 5000, 20);
    return apiKey;
  };
  /** Milliseconds until `apiKey` is refused, polling every 10 ms. */
  const msUntilRefused = async (apiKey: string, change: () => Promise<unknown>) => {
    const started = Date.now();
    await change();
    while ((await status(apiKey)) !== 401) {
      if (Date.now() - started > 5000) throw new Error('still accepted after 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Date.now() - started;
  };

  beforeAll(async () => {
    await provisionDatabase(databaseUrl, [db]);
    const options = typeOrmOptions({ databaseUrl, db, entities: [], migrations: [] });
    const migrator = await new DataSource(asSchemaOwner(options, databaseUrl)).initialize();
    const runner = migrator.createQueryRunner();
    await createCallersTable(runner, TABLE);
    for (const Migration of callersMigrations(TABLE)) await new Migration().up(runner);
    await runner.release();
    await migrator.destroy();
    await admin.connect();

    // TransientFailures comes from MessagingModule in a service; the guard asks it about outages.
    @Global()
    @Module({
      imports: [MetricsModule.register('callers'), TypeOrmModule.forRoot(options), ApiKeyAuthModule.register(TABLE)],
      controllers: [WhoAmI],
      providers: [{ provide: TransientFailures, inject: [DataSource], useFactory: (ds: DataSource) => new TransientFailures(ds) }],
      exports: [TransientFailures],
    })
    class Probe {}
    app = await NestFactory.create<NestFastifyApplication>(Probe, new FastifyAdapter(), { logger: ['error'] });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await admin.end();
    await dropDatabase(databaseUrl);
  });

  it('refuses a revoked key within a second', async () => {
    const apiKey = await cachedKey('revoked');
    const ms = await msUntilRefused(apiKey, () => admin.query(`DELETE FROM ${TABLE} WHERE code = 'revoked'`));
    expect(ms).toBeLessThan(1000);
  });

  it('refuses a rotated key within a second and accepts its successor', async () => {
    const oldKey = await cachedKey('rotated');
    const newKey = generateApiKey('rotated');
    const ms = await msUntilRefused(oldKey, () =>
      admin.query(`UPDATE ${TABLE} SET api_key_hash = $1 WHERE code = 'rotated'`, [hashApiKey(newKey)]),
    );
    expect(ms).toBeLessThan(1000);
    expect(await status(newKey)).toBe(200);
  });

  it('drops the cache when it cannot hear changes, and hears them again once reconnected', async () => {
    const apiKey = await cachedKey('while-deaf');
    const ms = await msUntilRefused(apiKey, async () => {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
        `api-keys-${TABLE}`,
      ]);
      await admin.query(`DELETE FROM ${TABLE} WHERE code = 'while-deaf'`);
    });
    // Well before the reconnection (a second later) would have cleared the cache anyway.
    expect(ms).toBeLessThan(500);
    // Once reconnected, it caches again, and hears a revocation again.
    const again = await cachedKey('after-reconnect');
    expect(await msUntilRefused(again, () => admin.query(`DELETE FROM ${TABLE} WHERE code = 'after-reconnect'`))).toBeLessThan(1000);
  });

  it('still serves a known key from the cache after 20,000 random keys', async () => {
    const apiKey = await cachedKey('known');
    const authenticator = app.get(ApiKeyAuthenticator);
    for (let round = 0; round < 20; round++) {
      const callers = await Promise.all(Array.from({ length: 1000 }, () => authenticator.authenticate(generateApiKey('flood'))));
      expect(callers.every((caller) => caller === null)).toBe(true);
    }
    const before = await lookups();
    expect(await status(apiKey)).toBe(200);
    expect(await lookups()).toBe(before);
  });
});
