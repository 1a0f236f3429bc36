import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dropDatabase, provisionDatabase, serviceDatabase, typeOrmOptions } from '@gridwhistle/persistence';
import { takeDatabaseAway } from '@gridwhistle/testing';
import { kafkaConfig } from '../kafka.settings';
import { TransientFailures, isTransientFailure } from './failure';

/** The classifier against the failures real Postgres and a missing broker raise. */
describe('transient failures, as real Postgres and kafkajs raise them', () => {
  const db = serviceDatabase('failure');
  const url = new URL(process.env.DATABASE_URL!);
  const database = `gw_failure_${randomBytes(4).toString('hex')}`;
  url.pathname = `/${database}`;
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  let dataSource: DataSource;
  let failures: TransientFailures;

  const terminateBackends = () =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);

  beforeAll(async () => {
    await provisionDatabase(url.toString(), [db]);
    await admin.connect();
    const options = typeOrmOptions({ databaseUrl: url.toString(), db, entities: [], migrations: [] });
    dataSource = await new DataSource({ ...options, logger: undefined }).initialize(); // the failures here are meant: unlogged
    failures = new TransientFailures(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await admin.end();
    await dropDatabase(url.toString());
  });

  it('takes a transaction whose connection is terminated mid-statement as transient', async () => {
    const failed = dataSource.transaction((manager) => manager.query('SELECT pg_sleep(5)')).catch((error) => error);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await terminateBackends();
    const error = await failed;
    expect(error).toBeInstanceOf(Error);
    expect(isTransientFailure(error)).toBe(true);
  });

  it('takes a database that accepts no connections as away, although its SQLSTATE alone says nothing', async () => {
    const bringBack = await takeDatabaseAway(url.toString());
    try {
      const error = await dataSource.query('SELECT 1').catch((failure) => failure);
      expect(error).toMatchObject({ code: '55000', message: expect.stringMatching(/not currently accepting connections/) });
      expect(isTransientFailure(error)).toBe(true);
      expect(await failures.isTransient(error)).toBe(true);
    } finally {
      await bringBack();
    }
  });

  it('holds a statement with too many parameters (08P01) against the work on a healthy database', async () => {
    const values = Array.from({ length: 70_000 }, (_, i) => i);
    const sql = `SELECT count(*) FROM (VALUES ${values.map((i) => `($${i + 1}::int)`).join(',')}) AS v(x)`;
    const error = await dataSource.query(sql, values).catch((failure) => failure);
    expect(error).toMatchObject({ code: '08P01' });
    expect(await failures.isTransient(error)).toBe(false);
  });

  it('takes a broker that does not answer as transient', async () => {
    const kafka = new Kafka({ ...kafkaConfig({ brokers: ['127.0.0.1:1'], namespace: 'failure', clientId: 'failure-test' }), retry: { retries: 1, initialRetryTime: 50 }, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    const error = await producer.connect().catch((failure) => failure);
    expect(error).toBeInstanceOf(Error);
    expect(isTransientFailure(error)).toBe(true);
  });
});
