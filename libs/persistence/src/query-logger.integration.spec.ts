import { randomBytes } from 'node:crypto';
import { Logger, LoggerService } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dropDatabase, provisionDatabase } from './provision';
import { asSchemaOwner, serviceDatabase, typeOrmOptions } from './service-database';

/** Failed queries are logged, but never with what residents typed into their parameters. */
describe('query logging on real Postgres', () => {
  const db = serviceDatabase('logging');
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/gw_logging_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  const lines: string[] = [];
  const record = (...parts: unknown[]) => void lines.push(parts.map((part) => (part instanceof Error ? part.stack : typeof part === 'string' ? part : JSON.stringify(part))).join(' '));
  const recorder: LoggerService = { log: record, error: record, warn: record, debug: record, verbose: record, fatal: record };
  let dataSource: DataSource;

  beforeAll(async () => {
    await provisionDatabase(databaseUrl, [db]);
    const options = typeOrmOptions({ databaseUrl, db, entities: [], migrations: [] });
    const owner = await new DataSource(asSchemaOwner(options, databaseUrl)).initialize();
    await owner.query('CREATE TABLE logging.reporters (phone text PRIMARY KEY)');
    await owner.destroy();
    dataSource = await new DataSource(options).initialize();
    Logger.overrideLogger(recorder);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, method).mockImplementation(record);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    Logger.overrideLogger(false);
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
  });

  it('logs the failed statement and its error, never its parameters', async () => {
    const marker = `井盖缺失-${randomBytes(6).toString('hex')}`;
    await expect(
      dataSource.query('SELECT $1::text AS description, $2::uuid AS id', [`住户描述 ${marker}`, marker]),
    ).rejects.toThrow(/invalid input syntax for type uuid/);
    const failure = lines.find((line) => line.includes('invalid input syntax for type uuid'));
    expect(failure).toMatch(/query failed \(22P02\).*SELECT \$1::text AS description, \$2::uuid AS id/);
    expect(lines.filter((line) => line.includes(marker))).toEqual([]);
  });

  it('leaves out the detail of a violated key, which repeats its values', async () => {
    const marker = `13812345678-${randomBytes(4).toString('hex')}`;
    await dataSource.query('INSERT INTO logging.reporters VALUES ($1)', [marker]);
    await expect(dataSource.query('INSERT INTO logging.reporters VALUES ($1)', [marker])).rejects.toThrow(/duplicate key/);
    expect(lines.some((line) => line.includes('query failed (23505)'))).toBe(true);
    expect(lines.filter((line) => line.includes(marker))).toEqual([]);
  });
});
