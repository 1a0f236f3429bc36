import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { departmentDatabase } from '../database/department.database';
import { deskServices, dispatchedTo } from '../department.testing';
import { DepartmentCasesService } from './department-cases.service';
import { ListCasesQueryDto } from './case-actions.dto';

/** A unit's list: its filters, and cursor paging that never skips a case whose change commits late, on real Postgres. */
describe('listing a unit\u2019s cases', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: DepartmentCasesService;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    ({ cases } = deskServices(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const dispatch = async (unit: string, categoryCode: string, assistants: string[] = []) => {
    const event = dispatchedTo(unit, { categoryCode, assistants });
    await dataSource.transaction((manager) => cases.receive(manager, [event]));
    return event.caseId;
  };
  const list = (unit: string, query: Partial<ListCasesQueryDto> = {}) => cases.list(unit, { limit: 50, ...query });
  const ids = async (unit: string, query: Partial<ListCasesQueryDto> = {}) => (await list(unit, query)).cases.map((c) => c.id);

  it('filters by status, category, role and updatedSince', async () => {
    const unit = `u${randomUUID().slice(0, 8)}`;
    const sewage = await dispatch(unit, 'sewage');
    const litter = await dispatch(unit, 'litter');
    const assisting = await dispatch('other_lead', 'litter', [unit]);
    await cases.acknowledge(unit, sewage);

    expect(await ids(unit, { status: 'acknowledged' })).toEqual([sewage]);
    expect((await ids(unit, { category: 'litter' })).sort()).toEqual([litter, assisting].sort());
    expect(await ids(unit, { role: 'assistant' })).toEqual([assisting]);
    const [{ updatedAt }] = (await list(unit, { status: 'acknowledged' })).cases;
    expect(await ids(unit, { updatedSince: updatedAt })).toEqual([sewage]);
    expect(await ids(unit, { updatedSince: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('pages in the order cases changed, and a case that changes comes again after the cursor', async () => {
    const unit = `u${randomUUID().slice(0, 8)}`;
    const [a, b, c] = [await dispatch(unit, 'sewage'), await dispatch(unit, 'sewage'), await dispatch(unit, 'sewage')];
    const first = await list(unit, { limit: 2 });
    expect(first.cases.map((x) => x.id)).toEqual([a, b]);
    const second = await list(unit, { limit: 2, after: first.next! });
    expect(second).toMatchObject({ cases: [expect.objectContaining({ id: c })], next: null });
    await cases.acknowledge(unit, a);
    expect(await ids(unit, { after: second.resumeAfter! })).toEqual([a]);
  });

  it('never skips a case whose change commits after a later one was listed', async () => {
    const unit = `u${randomUUID().slice(0, 8)}`;
    const early = await dispatch(unit, 'sewage');
    const late = await dispatch(unit, 'sewage');
    const start = await list(unit);

    // A transaction changes `early` first and stays open; another changes `late` and commits.
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    await slow.query(`UPDATE department.cases SET description = '慢事务的修改', updated_at = clock_timestamp() WHERE case_id = $1`, [early]);
    await sleep(20);
    await cases.acknowledge(unit, late);

    const meanwhile = await list(unit, { after: start.resumeAfter! });
    expect(meanwhile.cases.map((x) => x.id)).toEqual([late]);

    await slow.commitTransaction();
    await slow.release();
    const after = await list(unit, { after: meanwhile.resumeAfter! });
    expect(after.cases.map((x) => [x.id, x.description])).toEqual([[early, '慢事务的修改']]);
    // The late commit stamped the older time: paging by (updated_at, case_id) would have passed over it.
    expect(after.cases[0].updatedAt < meanwhile.cases[0].updatedAt).toBe(true);
  });
});
