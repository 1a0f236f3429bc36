/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers, read field by field */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { generateApiKey, hashApiKey } from '@gridwhistle/platform';
import { ServiceInProcess, startServiceInProcess } from '@gridwhistle/testing';
import { AppModule } from './app.module';
import { departmentDatabase, seedDepartment } from './database';
import { DEPARTMENT_API } from './department.api';
import { DepartmentEnv } from './department.env';
import { DepartmentCasesService } from './cases/department-cases.service';
import { deskServices, dispatchedTo } from './department.testing';

/** The desk through the department's HTTP API, on real Postgres: every action, the state machine, versions and concurrency. */
describe('the department desk', () => {
  let service: ServiceInProcess;
  let dataSource: DataSource;
  const keys = { water: generateApiKey('gw'), housing: generateApiKey('gw'), emergency: generateApiKey('gw') };

  beforeAll(async () => {
    service = await startServiceInProcess({ service: 'department', envClass: DepartmentEnv, database: departmentDatabase, module: AppModule.register, api: DEPARTMENT_API });
    dataSource = service.app.get(DataSource);
    await seedDepartment(dataSource, { departments: Object.entries(keys).map(([code, key]) => ({ code, name: code, apiKeyHash: hashApiKey(key) })) });
  });
  afterAll(() => service?.stop());

  const dispatch = async (lead: string, assistants: string[] = []) => {
    const event = dispatchedTo(lead, { assistants });
    await dataSource.transaction((manager) => service.app.get(DepartmentCasesService).receive(manager, [event]));
    return event.caseId;
  };
  const call = async (unit: keyof typeof keys, method: 'GET' | 'POST', url: string, body?: object, headers: Record<string, string> = {}) => {
    const answer = await service.app.inject({ method, url, headers: { authorization: `Bearer ${keys[unit]}`, ...headers }, ...(body ? { payload: body } : {}) });
    return { status: answer.statusCode, type: answer.headers['content-type'], etag: answer.headers.etag, body: answer.json() as any };
  };
  const act = (unit: keyof typeof keys, caseId: string, action: string, body: object = {}, headers: Record<string, string> = {}) =>
    call(unit, 'POST', `/v1/cases/${caseId}/${action}`, body, headers);
  const published = (caseId: string) =>
    dataSource.query(`SELECT type, envelope->'version' AS version, envelope->'payload' AS payload FROM department.outbox WHERE case_id = $1 ORDER BY seq`, [caseId]);

  it('takes a case through acknowledge, notes and a resolve with evidence, with the unit\u2019s own timeline', async () => {
    const caseId = await dispatch('water', ['emergency']);
    const refused = await act('water', caseId, 'resolve', { resolution: '已疏通' });
    expect(refused).toMatchObject({ status: 409, type: expect.stringContaining('application/problem+json') });
    expect(refused.body).toMatchObject({ currentState: 'dispatched', role: 'lead', allowedActions: ['acknowledge', 'note', 'return'] });

    expect((await act('water', caseId, 'acknowledge')).body).toMatchObject({ status: 'acknowledged', version: 2 });
    const noted = await act('water', caseId, 'notes', { note: '已联系施工队，明早到场' });
    expect(noted).toMatchObject({ status: 200, etag: '"3"', body: { status: 'acknowledged', version: 3 } });
    // The same note again right after is a retry: written once.
    expect((await act('water', caseId, 'notes', { note: '已联系施工队，明早到场' })).body.version).toBe(3);
    await act('emergency', caseId, 'acknowledge');
    await act('emergency', caseId, 'assistant-report', { report: '已设置警戒线' });

    const evidence = [{ url: 'https://photos.example.gov.cn/after-1.jpg', caption: '疏通后' }, { url: 'http://files.local/after-2.jpg' }];
    const resolved = await act('water', caseId, 'resolve', { resolution: '已疏通污水管道', evidence });
    expect(resolved.body).toMatchObject({ status: 'resolved', outcome: 'fixed', evidence, resolution: '已疏通污水管道' });
    expect((await act('water', caseId, 'resolve', { resolution: '已疏通污水管道', evidence })).status).toBe(200);
    expect((await act('water', caseId, 'resolve', { resolution: '已疏通污水管道', evidence: evidence.slice(1) })).body).toMatchObject({ status: 409, allowedActions: [] });
    expect((await act('water', caseId, 'resolve', { resolution: 'x', evidence: Array(11).fill(evidence[0]) })).status).toBe(400);

    const seen = await call('water', 'GET', `/v1/cases/${caseId}`);
    expect(seen.etag).toBe(`"${seen.body.version}"`);
    expect(seen.body.timeline.map((e: any) => [e.kind, e.text])).toEqual([
      ['dispatched', null],
      ['acknowledge', null],
      ['note', '已联系施工队，明早到场'],
      ['resolve', '已疏通污水管道'],
    ]);
    // The assistant's timeline holds its own actions only.
    expect((await call('emergency', 'GET', `/v1/cases/${caseId}`)).body.timeline.map((e: any) => e.kind)).toEqual(['dispatched', 'acknowledge', 'assistant-report']);

    const resolvedEvent = (await published(caseId)).find((e: any) => e.type === 'case.resolved');
    expect(resolvedEvent).toEqual({ type: 'case.resolved', version: 2, payload: { departmentCode: 'water', resolution: '已疏通污水管道', outcome: 'fixed', evidence } });
    // Notes stay on the desk: nothing of them goes on Kafka.
    expect((await published(caseId)).map((e: any) => e.type)).not.toContain('case.noted');
    expect(JSON.stringify(await published(caseId))).not.toContain('施工队');
  });

  it('closes a case as cannot be fixed: its own outcome, never resolved', async () => {
    const caseId = await dispatch('water');
    const reason = '该路段已列入明年改造计划，现阶段无法单独更换';
    expect((await act('water', caseId, 'cannot-fix', { reason })).body).toMatchObject({ status: 409, allowedActions: ['acknowledge', 'note', 'return'] });
    await act('water', caseId, 'acknowledge');
    expect((await act('water', caseId, 'cannot-fix', { reason })).body).toMatchObject({ status: 'unfixable', outcome: 'cannot_fix', resolution: reason, evidence: [] });
    expect((await act('water', caseId, 'cannot-fix', { reason })).status).toBe(200);
    expect((await act('water', caseId, 'cannot-fix', { reason: '另一个原因' })).status).toBe(409);
    expect((await act('water', caseId, 'resolve', { resolution: '已修复' })).body).toMatchObject({ status: 409, currentState: 'unfixable', allowedActions: [] });
    expect((await act('water', caseId, 'notes', { note: '补充说明' })).body).toMatchObject({ status: 409, allowedActions: [] });
    expect((await act('water', caseId, 'cannot-fix', { reason: '' })).status).toBe(400);

    const events = (await published(caseId)).filter((e: any) => e.type === 'case.resolved');
    expect(events).toEqual([{ type: 'case.resolved', version: 2, payload: { departmentCode: 'water', resolution: reason, outcome: 'cannot_fix', evidence: [] } }]);
  });

  it('answers another unit\u2019s case on every desk route exactly as an unknown id', async () => {
    const caseId = await dispatch('water');
    const unknown = randomUUID();
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['POST', '/acknowledge', {}],
      ['POST', '/notes', { note: '看看' }],
      ['POST', '/resolve', { resolution: '已修复' }],
      ['POST', '/cannot-fix', { reason: '无法修复' }],
      ['POST', '/return', { reasonCode: 'not_our_duty', basis: '不属本单位' }],
      ['POST', '/assistant-report', { report: '已处置' }],
    ] as const) {
      const theirs = await call('housing', method, `/v1/cases/${caseId}${path}`, body);
      const none = await call('housing', method, `/v1/cases/${unknown}${path}`, body);
      expect(theirs.status).toBe(404);
      expect({ ...theirs.body, detail: theirs.body.detail.replace(caseId, 'ID'), instance: undefined }).toEqual({ ...none.body, detail: none.body.detail.replace(unknown, 'ID'), instance: undefined });
    }
  });

  it('refuses a stale If-Match with 412, and serialises concurrent actions on one case', async () => {
    const caseId = await dispatch('water');
    const { etag } = await call('water', 'GET', `/v1/cases/${caseId}`);
    expect((await act('water', caseId, 'acknowledge', {}, { 'if-match': etag! })).status).toBe(200);
    const stale = await act('water', caseId, 'notes', { note: '旧版本上的备注' }, { 'if-match': etag! });
    expect(stale).toMatchObject({ status: 412, type: expect.stringContaining('application/problem+json') });
    expect(stale.body).toMatchObject({ type: 'https://gridwhistle.dev/problems/precondition-failed', currentVersion: 2, currentState: 'acknowledged' });
    // Without If-Match the action is taken on the case as it is.
    expect((await act('water', caseId, 'notes', { note: '无条件备注' })).body.version).toBe(3);

    // Eight units of work race with the same version: exactly one wins, the others learn the case moved on.
    const current = (await call('water', 'GET', `/v1/cases/${caseId}`)).etag!;
    const raced = await Promise.all(Array.from({ length: 8 }, (_, i) => act('water', caseId, 'notes', { note: `并发备注 ${i}` }, { 'if-match': current })));
    expect(raced.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);

    // Resolve and cannot-fix at once, without If-Match: the row lock lets one in, the other finds the case ended.
    const [resolved, unfixable] = await Promise.all([act('water', caseId, 'resolve', { resolution: '已修复' }), act('water', caseId, 'cannot-fix', { reason: '无法修复' })]);
    expect([resolved.status, unfixable.status].sort()).toEqual([200, 409]);
    const after = await call('water', 'GET', `/v1/cases/${caseId}`);
    expect(after.body.version).toBe(5);
    expect((await published(caseId)).filter((e: any) => e.type === 'case.resolved')).toHaveLength(1);
    expect(after.body.timeline.filter((e: any) => e.kind === 'note')).toHaveLength(2);
  });

  it('shows the resident\u2019s rating once graded, and in production takes only https evidence', async () => {
    const caseId = await dispatch('housing');
    await act('housing', caseId, 'acknowledge');
    await act('housing', caseId, 'resolve', { resolution: '已修复' });
    const { cases } = deskServices(dataSource);
    await dataSource.transaction((manager) => cases.graded(manager, [createEvent('case.graded', caseId, { rating: 'basically_satisfied' })]));
    const graded = await call('housing', 'GET', `/v1/cases/${caseId}`);
    expect(graded.body).toMatchObject({ rating: 'basically_satisfied', gradedAt: expect.any(String) });
    expect(graded.body.timeline.at(-1)).toMatchObject({ kind: 'graded', text: 'basically_satisfied' });

    const other = await dispatch('housing');
    const production = deskServices(dataSource, 'production').cases;
    await production.acknowledge('housing', other);
    const refusal = await production.resolve('housing', other, { resolution: '已修复', evidence: [{ url: 'http://files.local/a.jpg' }] }).catch((error) => error.getResponse());
    expect(refusal).toMatchObject({ status: 400, errors: [{ field: 'evidence.0.url', message: 'evidence url must be https' }] });
    expect(await production.resolve('housing', other, { resolution: '已修复', evidence: [{ url: 'https://photos.example.gov.cn/a.jpg' }] })).toMatchObject({ status: 'resolved' });
  });
});
