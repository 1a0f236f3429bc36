import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, eventually, migratedDataSource } from '@gridwhistle/testing';
import { departmentDatabase } from '../database/department.database';
import { DepartmentCasesService } from '../cases/department-cases.service';
import { ChangeFeedWriter } from './change-feed.writer';
import { deskServices } from '../department.testing';
import { ChangeFeedReader } from './change-feed.reader';

/**
 * What the feed records, and its cursor against transactions that commit out of order, on real
 * Postgres. Entries show once every older transaction of the cluster has ended, which other
 * tests on the same server may delay: reads that expect entries wait for them.
 */
describe('the change feed', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: DepartmentCasesService;
  let reader: ChangeFeedReader;
  const feed = new ChangeFeedWriter();

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    ({ cases } = deskServices(dataSource));
    reader = new ChangeFeedReader(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const dispatch = (caseId: string, round: number, lead: string, assistants: string[] = []) =>
    createEvent('case.dispatched', caseId, {
      departmentCode: lead,
      departmentName: lead,
      categoryCode: 'manhole_cover',
      gridCode: 'kaizhou.hanfeng.binhu.g01',
      description: '井盖缺失 13800000000',
      dueAt: '2026-11-24T08:00:00.000Z',
      assistingUnitCodes: assistants,
      copiedUnitCodes: [],
      gridNotified: false,
      rule: 'category',
      directoryVersion: 1,
      round,
      returnable: true,
    });
  const inTransaction = (work: (m: DataSource['manager']) => Promise<void>) => dataSource.transaction(work);
  const feedOf = async (unit: string, caseId: string) =>
    (await reader.read(unit, '0', 500)).filter((row) => row.case_id === caseId).map((row) => ({ type: row.type, ...row.data }));

  it('records dispatch, withdrawal, acknowledgement, resolution, grading and closing for each unit concerned, without personal data', async () => {
    const caseId = randomUUID();
    await inTransaction((m) => cases.receive(m, [dispatch(caseId, 1, 'water', ['planning'])]));
    await cases.acknowledge('water', caseId);
    await inTransaction((m) => cases.receive(m, [dispatch(caseId, 2, 'urban_management', ['planning'])]));
    // A redelivered old round changes nothing, so it records nothing.
    await inTransaction((m) => cases.receive(m, [dispatch(caseId, 1, 'water', ['planning'])]));
    await cases.acknowledge('urban_management', caseId);
    await cases.resolve('urban_management', caseId, { resolution: 'fixed' });
    await inTransaction((m) => feed.recordForHolders(m, [{ type: 'graded', caseId, occurredAt: new Date(), data: { rating: 'satisfied' } }]));
    await inTransaction((m) => cases.close(m, [createEvent('case.closed', caseId, { outcome: 'solved_satisfied', rating: 'satisfied', reopenCount: 0 })]));

    await eventually(async () => expect(await feedOf('planning', caseId)).toHaveLength(4));
    const dispatched = { type: 'dispatched', round: 1, category: 'manhole_cover', gridCode: 'kaizhou.hanfeng.binhu.g01', dueAt: '2026-11-24T08:00:00.000Z' };
    expect(await feedOf('water', caseId)).toEqual([{ ...dispatched, role: 'lead' }, { type: 'acknowledged', role: 'lead' }, { type: 'withdrawn' }]);
    expect(await feedOf('planning', caseId)).toEqual([
      { ...dispatched, role: 'assistant' },
      { ...dispatched, role: 'assistant', round: 2 },
      { type: 'graded', rating: 'satisfied' },
      { type: 'closed', rating: 'satisfied' },
    ]);
    expect(await feedOf('urban_management', caseId)).toEqual([
      { ...dispatched, role: 'lead', round: 2 },
      { type: 'acknowledged', role: 'lead' },
      { type: 'resolved', role: 'lead' },
      { type: 'graded', rating: 'satisfied' },
      { type: 'closed', rating: 'satisfied' },
    ]);
    const everything = JSON.stringify(await dataSource.query('SELECT * FROM department.change_feed'));
    expect(everything).not.toContain('13800000000');
  });

  it('holds back an entry committed after a later one until the earlier transaction ends, so the cursor skips nothing', async () => {
    const unit = `unit_${randomUUID().slice(0, 8)}`;
    const change = (n: number) => ({ unitCode: unit, type: 'graded' as const, caseId: randomUUID(), occurredAt: new Date(), data: { n } });
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await feed.record(slow.manager, [change(1)]); // takes the lower position, commits last
    await inTransaction((m) => feed.record(m, [change(2)]));

    let cursor = '0';
    const poll = async () => {
      const rows = await reader.read(unit, cursor, 10);
      if (rows.length > 0) cursor = rows[rows.length - 1].position;
      return rows.map((row) => row.data.n);
    };
    expect(await poll()).toEqual([]);
    await slow.commitTransaction();
    await slow.release();
    let seen: unknown[] = [];
    await eventually(async () => expect((seen = [...seen, ...(await poll())])).toEqual([1, 2]));
    expect(await poll()).toEqual([]);
  });

  it('forgets the entries of a transaction that rolled back, and reads on past them', async () => {
    const unit = `unit_${randomUUID().slice(0, 8)}`;
    const change = (n: number) => ({ unitCode: unit, type: 'graded' as const, caseId: null, occurredAt: new Date(), data: { n } });
    await inTransaction((m) => feed.record(m, [change(1)]));
    await expect(inTransaction(async (m) => { await feed.record(m, [change(2)]); throw new Error('undone'); })).rejects.toThrow('undone');
    await inTransaction((m) => feed.record(m, [change(3), change(4)]));
    const first = await eventually(async () => {
      const rows = await reader.read(unit, '0', 2);
      expect(rows.map((row) => row.data.n)).toEqual([1, 3]);
      return rows;
    });
    expect((await reader.read(unit, first[1].position, 2)).map((row) => row.data.n)).toEqual([4]);
  });
});
