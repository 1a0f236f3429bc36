import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { intakeDatabase } from '../database/intake.database';
import { seedIntake } from '../database/intake.seed';
import { AreaEntity } from '../reference/area.entity';
import { CategoryEntity } from '../reference/category.entity';
import { CaseProgressService } from './case-progress.service';

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
    dataSource = await migratedDataSource(intakeDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl, async (owner) => {
      await seedIntake(owner, { integrations: [{ code: 'hotline_12345', name: '12345', apiKeyHash: 'unused' }] });
      await owner.getRepository(AreaEntity).insert({ code: 'test.g01', name: '一号网格', level: 'grid', parentCode: null });
      await owner.getRepository(CategoryEntity).insert({ code: 'litter', name: '垃圾' });
    });
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
    await expect(record(dispatched(known), dispatched(randomUUID()))).rejects.toThrow(/foreign key/);
    expect(await state(known)).toEqual({ status: 'reported', timeline: [] });
  });
});
