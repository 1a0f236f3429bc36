import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { Problem } from '@gridwhistle/platform';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { departmentDatabase } from '../database/department.database';
import { deskServices } from '../department.testing';
import { DepartmentCasesService } from './department-cases.service';

/** One case held by several units, round by round, on real Postgres. */
describe('the units holding a case', () => {
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

  const dispatch = (caseId: string, round: number, lead: string, assistants: string[] = [], copied: string[] = []) =>
    createEvent('case.dispatched', caseId, {
      departmentCode: lead,
      departmentName: lead,
      categoryCode: 'illegal_construction',
      gridCode: 'kaizhou.hanfeng.binhu.g01',
      description: '违章搭建',
      dueAt: '2026-11-24T08:00:00.000Z',
      assistingUnitCodes: assistants,
      copiedUnitCodes: copied,
      gridNotified: false,
      rule: 'major_matter',
      directoryVersion: 1,
      round,
      returnable: true,
    });
  const receive = (...events: ReturnType<typeof dispatch>[]) => dataSource.transaction((manager) => cases.receive(manager, events));
  const holders = async (caseId: string) =>
    dataSource.query('SELECT department_code AS unit, role, round, status FROM department.cases WHERE case_id = $1 ORDER BY department_code', [caseId]);
  const refusal = (action: Promise<unknown>) =>
    action.then(
      () => undefined,
      (error: Problem) => ({ status: error.getStatus(), ...(error.getResponse() as object) }),
    );

  it('gives the lead, each assistant and each unit copied its own row, and lets each act only in its role', async () => {
    const caseId = randomUUID();
    await receive(dispatch(caseId, 1, 'urban_management', ['planning', 'urban_management'], ['hanfeng_street']));
    expect(await holders(caseId)).toEqual([
      { unit: 'hanfeng_street', role: 'copied', round: 1, status: 'dispatched' },
      { unit: 'planning', role: 'assistant', round: 1, status: 'dispatched' },
      { unit: 'urban_management', role: 'lead', round: 1, status: 'dispatched' },
    ]);

    expect(await cases.acknowledge('planning', caseId)).toMatchObject({ status: 'acknowledged', role: 'assistant' });
    expect(await refusal(cases.resolve('planning', caseId, { resolution: 'done' }))).toMatchObject({ status: 409, role: 'assistant', allowedActions: ['note', 'assistant-report'] });
    expect(await refusal(cases.acknowledge('hanfeng_street', caseId))).toMatchObject({ status: 409, role: 'copied', allowedActions: [] });
    expect(await refusal(cases.acknowledge('water', caseId))).toMatchObject({ status: 404 });
    // The assistant's acknowledgement moved its own row only.
    expect((await holders(caseId)).find((h: { unit: string }) => h.unit === 'urban_management').status).toBe('dispatched');
  });

  it('withdraws the units a later round no longer names, and restarts a unit named again', async () => {
    const caseId = randomUUID();
    await receive(dispatch(caseId, 1, 'water', ['planning']));
    await cases.acknowledge('water', caseId);
    await cases.acknowledge('planning', caseId);
    await receive(dispatch(caseId, 2, 'urban_management', ['planning']));
    expect(await holders(caseId)).toEqual([
      { unit: 'planning', role: 'assistant', round: 2, status: 'dispatched' },
      { unit: 'urban_management', role: 'lead', round: 2, status: 'dispatched' },
      { unit: 'water', role: 'lead', round: 1, status: 'withdrawn' },
    ]);
    expect(await refusal(cases.resolve('water', caseId, { resolution: 'done' }))).toMatchObject({ status: 409, currentState: 'withdrawn' });

    // A redelivered earlier round changes nothing.
    await receive(dispatch(caseId, 1, 'water', ['planning']));
    expect((await holders(caseId)).map((h: { status: string }) => h.status)).toEqual(['dispatched', 'dispatched', 'withdrawn']);
  });

  it('takes only the last of several rounds of one case in a batch, and closes every unit still holding it', async () => {
    const caseId = randomUUID();
    await receive(dispatch(caseId, 1, 'water'), dispatch(caseId, 2, 'planning', [], ['hanfeng_street']));
    expect(await holders(caseId)).toEqual([
      { unit: 'hanfeng_street', role: 'copied', round: 2, status: 'dispatched' },
      { unit: 'planning', role: 'lead', round: 2, status: 'dispatched' },
    ]);
    await dataSource.transaction((manager) => cases.close(manager, [createEvent('case.closed', caseId, { outcome: 'solved_satisfied', rating: 'satisfied', reopenCount: 0 })]));
    expect((await holders(caseId)).map((h: { status: string }) => h.status)).toEqual(['closed', 'closed']);
  });
});
