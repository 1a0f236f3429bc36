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
import { JointHandlingService } from './joint-handling.service';

/** A joint case (首接负责): assistants report their parts, the lead resolves after them, on real Postgres. */
describe('joint handling', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: DepartmentCasesService;
  let joint: JointHandlingService;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    ({ cases, joint } = deskServices(dataSource));
    await dataSource.query(`INSERT INTO department.units (code, name, kind, directory_version) VALUES ('emergency', '区应急管理局', 'department', 1)`);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const dispatch = (caseId: string, round: number, lead: string, assistants: string[], dueAt = '2099-01-01T00:00:00.000Z') =>
    createEvent('case.dispatched', caseId, {
      departmentCode: lead,
      departmentName: lead,
      categoryCode: 'dangerous_building',
      gridCode: 'kaizhou.hanfeng.binhu.g01',
      description: '危房外墙开裂',
      dueAt,
      assistingUnitCodes: assistants,
      copiedUnitCodes: ['kaizhou_district'],
      gridNotified: false,
      rule: 'major_matter',
      directoryVersion: 1,
      round,
      returnable: true,
    });
  const receive = (...events: ReturnType<typeof dispatch>[]) => dataSource.transaction((manager) => cases.receive(manager, events));
  const resolve = (lead: string, caseId: string, resolution: string, reason?: string) =>
    cases.resolve(lead, caseId, { resolution }, undefined, (manager, found) => joint.requireAssistantsReported(manager, found, reason));
  const refusal = (action: Promise<unknown>) =>
    action.then(
      () => undefined,
      (error: Problem) => ({ status: error.getStatus(), ...(error.getResponse() as object) }),
    );
  const outbox = (caseId: string) =>
    dataSource.query(`SELECT type, envelope->'payload' AS payload FROM department.outbox WHERE case_id = $1 ORDER BY seq`, [caseId]);

  it('lets the lead resolve only once every assistant reported, and shows the lead each part', async () => {
    const caseId = randomUUID();
    await receive(dispatch(caseId, 1, 'housing', ['emergency', 'hanfeng_street']));
    await cases.acknowledge('housing', caseId);

    // An assistant acknowledges its part before reporting it.
    expect(await refusal(joint.report('emergency', caseId, '已设置警戒线'))).toMatchObject({ status: 409, currentState: 'dispatched', allowedActions: ['acknowledge', 'note'] });
    await cases.acknowledge('emergency', caseId);
    expect(await joint.report('emergency', caseId, '已设置警戒线')).toMatchObject({ status: 'resolved', role: 'assistant', resolution: '已设置警戒线' });
    // A retry answers the same; another report is a conflict; the lead and copied units do not report.
    expect(await joint.report('emergency', caseId, '已设置警戒线')).toMatchObject({ status: 'resolved' });
    expect(await refusal(joint.report('emergency', caseId, '另一份反馈'))).toMatchObject({ status: 409, allowedActions: [] });
    expect(await refusal(joint.report('housing', caseId, '主办不报协办'))).toMatchObject({ status: 409, role: 'lead' });
    expect(await refusal(joint.report('kaizhou_district', caseId, '抄送单位'))).toMatchObject({ status: 409, role: 'copied' });
    expect(await refusal(joint.report('water', caseId, '不相干'))).toMatchObject({ status: 404 });

    expect(await refusal(resolve('housing', caseId, '危房已加固'))).toMatchObject({
      status: 409,
      currentState: 'acknowledged',
      assistantsPending: ['hanfeng_street'],
      allowedActions: ['resolve_without_assistants'],
    });
    await cases.acknowledge('hanfeng_street', caseId);
    await joint.report('hanfeng_street', caseId, '已组织住户转移');
    expect(await resolve('housing', caseId, '危房已加固')).toMatchObject({ status: 'resolved' });

    const leadView = await joint.withParts('housing', await cases.get('housing', caseId));
    expect(leadView).toMatchObject({
      withoutAssistantsReason: null,
      assistants: [
        { unitCode: 'emergency', unitName: '区应急管理局', status: 'resolved', report: '已设置警戒线', late: false },
        { unitCode: 'hanfeng_street', unitName: 'hanfeng_street', status: 'resolved', report: '已组织住户转移', late: false },
      ],
    });
    expect(leadView.assistants![0].reportedAt).toEqual(expect.any(String));
    // Assistants see their own row only, without the others' parts.
    expect(await joint.withParts('emergency', await cases.get('emergency', caseId))).not.toHaveProperty('assistants');

    expect((await outbox(caseId)).filter((e: { type: string }) => e.type === 'case.assistant_reported').map((e: { payload: object }) => e.payload)).toEqual([
      { unitCode: 'emergency', round: 1, report: '已设置警戒线' },
      { unitCode: 'hanfeng_street', round: 1, report: '已组织住户转移' },
    ]);
  });

  it('lets the lead resolve without waiting when it says why, and records whom it did not wait for', async () => {
    const caseId = randomUUID();
    await receive(dispatch(caseId, 1, 'housing', ['emergency'], '2020-01-01T00:00:00.000Z'));
    await cases.acknowledge('housing', caseId);
    const reason = '应急局已现场联合处置，书面反馈另行补交';
    expect(await resolve('housing', caseId, '危房已拆除', reason)).toMatchObject({ status: 'resolved' });
    // The retry answers with the case; the reason is kept once.
    expect(await resolve('housing', caseId, '危房已拆除', reason)).toMatchObject({ status: 'resolved' });
    expect(await joint.withParts('housing', await cases.get('housing', caseId))).toMatchObject({
      withoutAssistantsReason: reason,
      assistantsPendingAtResolution: ['emergency'],
      assistants: [{ unitCode: 'emergency', status: 'dispatched', report: null, reportedAt: null, late: true }],
    });

    await dataSource.transaction((manager) => cases.close(manager, [createEvent('case.closed', caseId, { outcome: 'solved_satisfied', rating: 'satisfied', reopenCount: 0 })]));
    expect(await dataSource.query('SELECT department_code AS unit, status FROM department.cases WHERE case_id = $1 ORDER BY 1', [caseId])).toEqual([
      { unit: 'emergency', status: 'closed' },
      { unit: 'housing', status: 'closed' },
      { unit: 'kaizhou_district', status: 'closed' },
    ]);
  });

  it('asks only the assistants of the current round, and lists each unit its cases by role', async () => {
    const caseId = randomUUID();
    await receive(dispatch(caseId, 1, 'housing', ['emergency']));
    await receive(dispatch(caseId, 2, 'urban_management', ['police']));
    expect(await refusal(joint.report('emergency', caseId, '已处置'))).toMatchObject({ status: 409, currentState: 'withdrawn' });
    await cases.acknowledge('urban_management', caseId);
    expect(await refusal(resolve('urban_management', caseId, '已处置'))).toMatchObject({ assistantsPending: ['police'] });

    const ofRole = async (unit: string, role: 'lead' | 'assistant' | 'copied') =>
      (await cases.list(unit, { limit: 200, role })).cases.filter((c) => c.id === caseId).map((c) => [c.role, c.round]);
    expect(await ofRole('police', 'assistant')).toEqual([['assistant', 2]]);
    expect(await ofRole('police', 'lead')).toEqual([]);
    expect(await ofRole('kaizhou_district', 'copied')).toEqual([['copied', 2]]);
    expect(await ofRole('urban_management', 'lead')).toEqual([['lead', 2]]);
  });
});
