import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
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
import { CaseProgressService } from './case-progress.service';
import { CasesService } from './cases.service';
import { LocationsService } from '../locations/locations.service';
import { Gazetteer } from '../locations/gazetteer';
import { TrackingCodes } from '../tracking/tracking-code';
import { RequesterHash } from '../privacy/requester-hash';
import { ReportCaseDto } from './report-case.dto';

/** Intake's schema with one integration, and one grid and one category as a directory.published would leave them. */
function migratedIntake(env: IsolatedEnvironment): Promise<DataSource> {
  return migratedDataSource(intakeDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl, async (owner) => {
    await seedIntake(owner, { integrations: [{ code: 'hotline_12345', name: '12345', apiKeyHash: 'unused' }] });
    await owner.getRepository(AreaEntity).insert({ code: 'test.g01', name: '一号网格', level: 'grid', parentCode: null });
    await owner.getRepository(CategoryEntity).insert({ code: 'litter', name: '垃圾' });
  });
}

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
    dataSource = await migratedIntake(env);
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
    const reference = new ReferenceService(dataSource.getRepository(CategoryEntity), dataSource.getRepository(AreaEntity));
    cases = new CasesService(
      losingCommits,
      new OutboxWriter('intake', { validateContracts: true }),
      reference,
      new ReporterCipher(piiKey),
      new TransientFailures(dataSource),
      new ReportFingerprint(piiKey),
      new Registry(),
      new LocationsService(reference, new Gazetteer({ city: 'test', version: 1, addresses: [] })),
      new TrackingCodes(piiKey),
      new RequesterHash(piiKey),
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

/** A case's public status and timeline as the other services' events arrive, in any order, on real Postgres. */
describe('case progress', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  const progress = new CaseProgressService();

  const reportCase = async (): Promise<string> => {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO intake.cases (id, category_code, grid_code, channel, description, status, reported_by, traceparent)
       VALUES ($1, 'litter', 'test.g01', 'hotline', '垃圾', 'reported', 'hotline_12345', '')`,
      [id],
    );
    return id;
  };
  const dispatched = (caseId: string) =>
    createEvent('case.dispatched', caseId, {
      departmentCode: 'urban_management',
      departmentName: '城市管理局',
      categoryCode: 'litter',
      gridCode: 'test.g01',
      description: '垃圾',
      dueAt: new Date().toISOString(),
      assistingUnitCodes: [],
      copiedUnitCodes: [],
      gridNotified: false,
      rule: 'department_matter',
      directoryVersion: 1,
    });
  const acknowledged = (caseId: string) => createEvent('case.acknowledged', caseId, { departmentCode: 'urban_management' });
  const graded = (caseId: string) => createEvent('case.graded', caseId, { rating: 'unsatisfied' });
  const record = (...events: EventEnvelope[]) => dataSource.transaction((manager) => progress.record(manager, events));
  const state = async (id: string) => {
    const [{ status }] = await dataSource.query('SELECT status FROM intake.cases WHERE id = $1', [id]);
    const timeline: { type: string }[] = await dataSource.query('SELECT type FROM intake.timeline_entries WHERE case_id = $1 ORDER BY occurred_at, type', [id]);
    return { status, timeline: timeline.map((entry) => entry.type) };
  };

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('intake')]);
    dataSource = await migratedIntake(env);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('moves each case of a batch to the furthest status its events reach, and keeps every event on its timeline', async () => {
    const [a, b, c] = [await reportCase(), await reportCase(), await reportCase()];
    await record(dispatched(a), acknowledged(a), dispatched(b), graded(c));
    expect(await state(a)).toEqual({ status: 'acknowledged', timeline: expect.arrayContaining(['case.dispatched', 'case.acknowledged']) });
    expect(await state(b)).toEqual({ status: 'dispatched', timeline: ['case.dispatched'] });
    // An event that moves no status only adds to the timeline.
    expect(await state(c)).toEqual({ status: 'reported', timeline: ['case.graded'] });
  });

  it('never moves a case back when an earlier event arrives late, on another topic', async () => {
    const id = await reportCase();
    await record(acknowledged(id));
    await record(dispatched(id));
    expect(await state(id)).toEqual({ status: 'acknowledged', timeline: expect.arrayContaining(['case.acknowledged', 'case.dispatched']) });
  });

  it('fails the whole batch for an event of a case intake does not know, changing nothing', async () => {
    const known = await reportCase();
    await expect(record(dispatched(known), dispatched(randomUUID()))).rejects.toThrow(/intake never heard of case/);
    expect(await state(known)).toEqual({ status: 'reported', timeline: [] });
  });
});
