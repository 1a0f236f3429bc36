import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { serviceDatabase } from '@gridwhistle/persistence';
import { Problem } from '@gridwhistle/platform';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { departmentDatabase } from '../database/department.database';
import { deskServices } from '../department.testing';
import { DepartmentCasesService } from '../cases/department-cases.service';
import { CaseReturnsService } from './case-returns.service';

const HOUR_MS = 3_600_000;

/** The lead of a round returns its case (退单), on real Postgres, with case.returned in the outbox. */
describe('returning a case', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: DepartmentCasesService;
  let returns: CaseReturnsService;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    ({ cases, returns } = deskServices(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const receive = (caseId: string, round: number, options: { returnable?: boolean; returnableUntil?: Date } = {}) =>
    dataSource.transaction((manager) =>
      cases.receive(manager, [
        createEvent('case.dispatched', caseId, {
          departmentCode: 'urban_management',
          departmentName: '区城市管理局',
          categoryCode: 'litter',
          gridCode: 'kaizhou.yunfeng.pingqiao.g01',
          description: '垃圾乱扔',
          dueAt: new Date(Date.now() + 24 * HOUR_MS).toISOString(),
          assistingUnitCodes: ['ecology'],
          copiedUnitCodes: [],
          gridNotified: false,
          rule: 'department_matter',
          directoryVersion: 1,
          round,
          returnable: options.returnable ?? true,
          returnableUntil: (options.returnableUntil ?? new Date(Date.now() + 48 * HOUR_MS)).toISOString(),
        }),
      ]),
    );
  const refusal = (action: Promise<unknown>) =>
    action.then(
      () => undefined,
      (error: Problem) => ({ status: error.getStatus(), ...(error.getResponse() as object) }),
    );
  const announced = (caseId: string) =>
    dataSource.query(`SELECT envelope->'payload' AS payload FROM department.outbox WHERE case_id = $1 AND type = 'case.returned'`, [caseId]);
  const reason = { reasonCode: 'not_our_duty' as const, basis: '属区水利局职责' };

  it('marks the lead returned and announces it once; a repeat answers the same, other content is a conflict', async () => {
    const caseId = randomUUID();
    await receive(caseId, 2);
    expect(await cases.get('urban_management', caseId)).toMatchObject({ returnable: true, returnableUntil: expect.any(String), returnReason: null });
    expect(await returns.return('urban_management', caseId, reason)).toMatchObject({ status: 'returned', round: 2, returnReason: 'not_our_duty' });
    expect(await returns.return('urban_management', caseId, reason)).toMatchObject({ status: 'returned' });
    expect(await refusal(returns.return('urban_management', caseId, { ...reason, basis: '另一理由' }))).toMatchObject({
      status: 409,
      currentState: 'returned',
      allowedActions: [],
    });
    expect(await announced(caseId)).toEqual([{ payload: { unitCode: 'urban_management', round: 2, reasonCode: 'not_our_duty', basis: '属区水利局职责' } }]);
    // A returned case is no longer the unit's to act on.
    expect(await refusal(cases.acknowledge('urban_management', caseId))).toMatchObject({ status: 409, currentState: 'returned' });
  });

  it('lets an acknowledged lead return it, but not an assistant, another unit, or after resolving', async () => {
    const caseId = randomUUID();
    await receive(caseId, 1);
    expect(await refusal(returns.return('ecology', caseId, reason))).toMatchObject({ status: 409, role: 'assistant' });
    expect(await refusal(returns.return('water', caseId, reason))).toMatchObject({ status: 404 });
    await cases.acknowledge('urban_management', caseId);
    expect(await returns.return('urban_management', caseId, reason)).toMatchObject({ status: 'returned' });

    const resolved = randomUUID();
    await receive(resolved, 1);
    await cases.acknowledge('urban_management', resolved);
    await cases.resolve('urban_management', resolved, { resolution: '已清理' });
    expect(await refusal(returns.return('urban_management', resolved, reason))).toMatchObject({
      status: 409,
      currentState: 'resolved',
      allowedActions: [],
    });
    expect(await announced(resolved)).toEqual([]);
  });

  it('refuses a return the ruling forbids or the window no longer allows, saying what is still allowed', async () => {
    const designated = randomUUID();
    await receive(designated, 3, { returnable: false });
    expect(await cases.get('urban_management', designated)).toMatchObject({ returnable: false, returnableUntil: null });
    expect(await refusal(returns.return('urban_management', designated, reason))).toMatchObject({
      status: 409,
      currentState: 'dispatched',
      allowedActions: ['acknowledge', 'note'],
      detail: expect.stringContaining('ruling'),
    });

    const late = randomUUID();
    await receive(late, 1, { returnableUntil: new Date(Date.now() - HOUR_MS) });
    expect(await refusal(returns.return('urban_management', late, reason))).toMatchObject({ status: 409, detail: expect.stringContaining('return window') });
    expect(await announced(late)).toEqual([]);
  });
});
