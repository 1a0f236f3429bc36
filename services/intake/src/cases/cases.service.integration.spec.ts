import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter, TransientFailures } from '@gridwhistle/messaging';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { intakeDatabase } from '../database/intake.database';
import { seedIntake } from '../database/intake.seed';
import { ReporterCipher } from '../privacy/reporter-cipher';
import { ReportFingerprint } from '../privacy/report-fingerprint';
import { AreaEntity } from '../reference/area.entity';
import { CategoryEntity } from '../reference/category.entity';
import { ReferenceService } from '../reference/reference.service';
import { CasesService } from './cases.service';
import { ReportCaseDto } from './report-case.dto';

/**
 * A report whose COMMIT succeeded but whose answer was lost (the connection dropped during
 * COMMIT) is written again: it must find the case it created, not create a second one.
 */
describe('reports whose commit outcome was unknown, on real Postgres', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: CasesService;
  let commitsToLose = 0;

  const report = (description: string): ReportCaseDto => ({
    category: 'litter',
    description,
    location: { gridCode: 'test.g01' },
    channel: 'hotline',
  });
  const count = async (sql: string): Promise<number> => (await dataSource.query(sql))[0].n;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('intake')]);
    dataSource = await migratedDataSource(intakeDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl, async (owner) => {
      await seedIntake(owner, { integrations: [{ code: 'hotline_12345', name: '12345', apiKeyHash: 'unused' }] });
      // The read-model of routing's directory, as a directory.published would leave it.
      await owner.getRepository(AreaEntity).insert({ code: 'test.g01', name: '一号网格', level: 'grid', parentCode: null });
      await owner.getRepository(CategoryEntity).insert({ code: 'litter', name: '垃圾' });
    });
    // Commits, then loses the answer as a dropped connection would.
    const losingCommits = Object.create(dataSource, {
      transaction: {
        value: async (work: (manager: EntityManager) => Promise<unknown>) => {
          const result = await dataSource.transaction(work);
          if (commitsToLose > 0 && commitsToLose--) throw new Error('Connection terminated unexpectedly');
          return result;
        },
      },
    });
    const piiKey = randomBytes(32).toString('base64');
    cases = new CasesService(
      losingCommits,
      new OutboxWriter('intake', { validateContracts: true }),
      new ReferenceService(dataSource.getRepository(CategoryEntity), dataSource.getRepository(AreaEntity)),
      new ReporterCipher(piiKey),
      new TransientFailures(dataSource),
      new ReportFingerprint(piiKey),
      new Registry(),
    );
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('answers a lone report with the case its lost commit created, and creates no other', async () => {
    commitsToLose = 1;
    const outcome = await cases.report(report('lone report'), 'hotline_12345');
    expect(outcome).toMatchObject({ status: 'reported', replayed: false });
    expect(await dataSource.query(`SELECT id FROM intake.cases WHERE description = 'lone report'`)).toEqual([{ id: outcome.id }]);
    expect(await count(`SELECT count(*)::int AS n FROM intake.outbox WHERE case_id = '${outcome.id}'`)).toBe(1);
  });

  it('gives reports written together one case each, keeping their ids across the retry', async () => {
    commitsToLose = 1;
    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => cases.report(report(`together ${i}`), 'hotline_12345')));
    const stored: { id: string }[] = await dataSource.query(`SELECT id FROM intake.cases WHERE description LIKE 'together %'`);
    expect(stored.map((row) => row.id).sort()).toEqual(outcomes.map((outcome) => outcome.id).sort());
    expect(new Set(outcomes.map((outcome) => outcome.id)).size).toBe(5);
    expect(outcomes.every((outcome) => !outcome.replayed)).toBe(true);
  });

  it('still answers a retried Idempotency-Key with the case it first created', async () => {
    const first = await cases.report(report('keyed'), 'hotline_12345', 'call-1');
    commitsToLose = 1;
    const again = await cases.report(report('keyed'), 'hotline_12345', 'call-1');
    expect(again).toMatchObject({ id: first.id, replayed: true });
    expect(await count(`SELECT count(*)::int AS n FROM intake.cases WHERE description = 'keyed'`)).toBe(1);
  });

  it('answers a keyed report whose own commit was lost with its case, not as a reused key', async () => {
    commitsToLose = 1;
    const outcome = await cases.report(report('keyed, commit lost'), 'hotline_12345', 'call-2');
    expect(outcome).toMatchObject({ status: 'reported', replayed: false });
    expect(await dataSource.query(`SELECT id FROM intake.cases WHERE idempotency_key = 'call-2'`)).toEqual([{ id: outcome.id }]);
    await expect(cases.report(report('another report, same key'), 'hotline_12345', 'call-2')).rejects.toMatchObject({
      details: { status: 422, type: 'https://gridwhistle.dev/problems/idempotency-key-reused' },
    });
  });
});
