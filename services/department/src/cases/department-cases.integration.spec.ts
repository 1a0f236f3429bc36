import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { OutboxWriter, TransientFailures } from '@gridwhistle/messaging';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource, outboxEventCounts } from '@gridwhistle/testing';
import { departmentDatabase } from '../database/department.database';
import { DepartmentCasesService } from './department-cases.service';

/** Acknowledging and resolving on real Postgres: actions sent together share transactions, each keeps its own answer. */
describe('department actions sent together', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: DepartmentCasesService;

  const dispatch = (caseId: string, departmentCode = 'urban_management') =>
    dataSource.transaction((manager) =>
      cases.receive(manager, [
        createEvent('case.dispatched', caseId, {
          departmentCode,
          departmentName: '城市管理局',
          categoryCode: 'manhole_cover',
          gridCode: 'kaizhou.hanfeng.binhu.g01',
          description: '井盖缺失',
          dueAt: new Date(Date.now() + 3_600_000).toISOString(),
          assistingUnitCodes: [],
          copiedUnitCodes: [],
          gridNotified: false,
          rule: 'by_category',
          directoryVersion: 1,
        }),
      ]),
    );
  /** What the API would answer: the status, and the case's status or the problem's detail. */
  const act = (caseId: string, action: 'acknowledge' | 'resolve', resolution?: string, departmentCode = 'urban_management') =>
    cases.apply(departmentCode, caseId, action, resolution).then(
      (found) => ({ status: 200, state: found.status }),
      (error: HttpException) => ({ status: error.getStatus(), state: (error.getResponse() as { currentState?: string }).currentState }),
    );
  const transactionsOf = async (ids: string[]): Promise<number> =>
    (await dataSource.query('SELECT count(DISTINCT xmin::text)::int AS n FROM department.cases WHERE case_id = ANY($1::uuid[])', [ids]))[0].n;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    cases = new DepartmentCasesService(dataSource, new OutboxWriter('department', { validateContracts: true }), new TransientFailures(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('acknowledges and resolves many cases in shared transactions, one event each', async () => {
    const ids = Array.from({ length: 30 }, () => randomUUID());
    for (const id of ids) await dispatch(id);
    expect(await Promise.all(ids.map((id) => act(id, 'acknowledge')))).toEqual(ids.map(() => ({ status: 200, state: 'acknowledged' })));
    expect(await transactionsOf(ids)).toBeLessThan(ids.length);
    expect(await Promise.all(ids.map((id) => act(id, 'resolve', '已更换井盖')))).toEqual(ids.map(() => ({ status: 200, state: 'resolved' })));
    expect(await outboxEventCounts(dataSource, 'department', ids)).toEqual({ 'case.acknowledged': ids.length, 'case.resolved': ids.length });
  });

  it('applies actions on one case in the order they came, each answered as if alone', async () => {
    const [id, other, foreign] = [randomUUID(), randomUUID(), randomUUID()];
    await dispatch(id);
    await dispatch(other);
    await dispatch(foreign, 'water_affairs');
    const answers = await Promise.all([
      act(id, 'resolve', '已更换井盖'), // before it is acknowledged: a conflict
      act(id, 'acknowledge'),
      act(id, 'acknowledge'), // a retry: the case as it is
      act(id, 'resolve', '已更换井盖'),
      act(id, 'resolve', '另一个结果'), // another resolution: a conflict
      act(id, 'resolve', '已更换井盖'), // the same resolution again: the case as it is
      act(other, 'acknowledge'),
      act(foreign, 'acknowledge'), // another department's case: as if it did not exist
      act(id, 'acknowledge', undefined, 'water_affairs'), // nor may another department act on this one, in the same group
      act(randomUUID(), 'acknowledge'),
    ]);
    expect(answers).toEqual([
      { status: 409, state: 'dispatched' },
      { status: 200, state: 'acknowledged' },
      { status: 200, state: 'acknowledged' },
      { status: 200, state: 'resolved' },
      { status: 409, state: 'resolved' },
      { status: 200, state: 'resolved' },
      { status: 200, state: 'acknowledged' },
      { status: 404, state: undefined },
      { status: 404, state: undefined },
      { status: 404, state: undefined },
    ]);
    const events: { type: string }[] = await dataSource.query('SELECT type FROM department.outbox WHERE case_id = $1 ORDER BY seq', [id]);
    expect(events.map((e) => e.type)).toEqual(['case.acknowledged', 'case.resolved']);
    expect(await dataSource.query('SELECT status FROM department.cases WHERE case_id = $1', [foreign])).toEqual([{ status: 'dispatched' }]);
  });
});
