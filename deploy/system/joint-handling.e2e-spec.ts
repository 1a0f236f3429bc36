import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';

type Listed = { id: string; role: string; status: string };

/**
 * Major matters and joint handling (首接负责, 协办), end to end through the HTTP APIs with the
 * four services as processes from the build: a major case reaches every responsible unit at
 * once, each in its own role, the street is copied and a street receiving it copies the
 * district; the lead resolves only once the assistants reported, or says why it did not wait;
 * feedback closes the case for every unit holding it.
 */
describe('major matters and joint handling, end to end', () => {
  let system: RunningSystem;
  const call: RunningSystem['call'] = (...args) => system.call(...args);
  const unit = (code: string) => system.apiKey('departments', code);
  const post = (code: string, path: string, body?: unknown) => call('department', path, { method: 'POST', apiKey: unit(code), body });

  beforeAll(async () => (system = await RunningSystem.start()));
  afterAll(() => system?.stop());

  /** Reports a case by the hotline and waits until every unit named sees it in its list with its role. */
  async function report(category: string, gridCode: string, description: string, roles: Record<string, string>): Promise<string> {
    const reported = await call('intake', '/v1/cases', {
      apiKey: system.apiKey('integrations', 'hotline_12345'),
      body: { category, description, location: { gridCode }, reporter: { phone: '13800000000' }, channel: 'hotline' },
    });
    expect(reported.status).toBe(201);
    const id: string = reported.body.id;
    for (const [code, role] of Object.entries(roles)) {
      await eventually(async () => {
        const listed = await call('department', `/v1/cases?role=${role}&limit=200`, { apiKey: unit(code) });
        expect(listed.body.cases.filter((c: Listed) => c.id === id)).toEqual([expect.objectContaining({ id, role, status: 'dispatched' })]);
      });
    }
    return id;
  }

  /** Grades the case satisfied by the reporting integration once feedback knows it resolved. */
  async function satisfied(id: string): Promise<void> {
    await eventually(async () => {
      const answer = await call('feedback', `/v1/cases/${id}/feedback`, { apiKey: system.apiKey('integrations', 'hotline_12345'), body: { rating: 'satisfied', solved: true } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ caseClosed: true });
    });
  }

  it('sends a major case to all its units at once and lets the lead resolve it once every assistant reported', async () => {
    // 危房: housing leads, emergency and the street of the grid assist; the street receiving it copies the district.
    const holders = { housing: 'lead', emergency: 'assistant', hanfeng_street: 'assistant', kaizhou_district: 'copied' };
    const id = await report('dangerous_building', 'kaizhou.hanfeng.binhu.g01', '滨湖社区5栋外墙大面积开裂', holders);
    // Units the dispatch does not name do not see it, nor do the units named see it in another role.
    expect((await call('department', `/v1/cases/${id}`, { apiKey: unit('water') })).status).toBe(404);
    const asLead = await call('department', '/v1/cases?role=lead&limit=200', { apiKey: unit('emergency') });
    expect(asLead.body.cases.map((c: Listed) => c.id)).not.toContain(id);

    const routing = await call('routing', `/v1/cases/${id}/routing`, { apiKey: system.apiKey('operators', 'command_centre') });
    expect(routing.body.history[0]).toMatchObject({ rule: 'major_matter', lead: { code: 'housing' } });

    expect((await post('housing', `/v1/cases/${id}/acknowledge`)).status).toBe(200);
    // The unit copied only reads.
    expect(await post('kaizhou_district', `/v1/cases/${id}/acknowledge`)).toMatchObject({ status: 409, body: { role: 'copied', allowedActions: [] } });

    const early = await post('housing', `/v1/cases/${id}/resolve`, { resolution: '危房已加固' });
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(early.body).toMatchObject({ currentState: 'acknowledged', assistantsPending: ['emergency', 'hanfeng_street'], allowedActions: ['resolve_without_assistants'] });

    // Each assistant acknowledges its part and reports it to the lead; an assistant does not resolve.
    expect(await post('emergency', `/v1/cases/${id}/assistant-report`, { report: '已设置警戒线' })).toMatchObject({ status: 409, body: { allowedActions: ['acknowledge', 'note'] } });
    for (const [code, text] of [['emergency', '已设置警戒线并疏散住户12户'], ['hanfeng_street', '街道已组织住户临时安置']]) {
      expect((await post(code, `/v1/cases/${id}/acknowledge`)).status).toBe(200);
      expect(await post(code, `/v1/cases/${id}/assistant-report`, { report: text })).toMatchObject({ status: 200, body: { role: 'assistant', status: 'resolved', resolution: text } });
    }
    expect(await post('emergency', `/v1/cases/${id}/resolve`, { resolution: '越权办结' })).toMatchObject({ status: 409, body: { role: 'assistant' } });

    const resolved = await post('housing', `/v1/cases/${id}/resolve`, { resolution: '危房已加固' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      withoutAssistantsReason: null,
      assistants: [
        { unitCode: 'emergency', unitName: '区应急管理局', status: 'resolved', report: '已设置警戒线并疏散住户12户' },
        { unitCode: 'hanfeng_street', status: 'resolved', report: '街道已组织住户临时安置' },
      ],
    });

    await satisfied(id);
    for (const code of Object.keys(holders)) {
      await eventually(async () => expect((await call('department', `/v1/cases/${id}`, { apiKey: unit(code) })).body.status).toBe('closed'));
    }
    await eventually(async () => expect((await call('intake', `/v1/cases/${id}`)).body.status).toBe('closed'));
    expect(await system.count(`SELECT count(*)::int AS n FROM department.outbox WHERE type = 'case.assistant_reported' AND case_id = $1`, [id])).toBe(2);
  });

  it('lets the lead resolve without waiting when it says why, and shows the reason', async () => {
    // 安全隐患: emergency leads, housing and the police assist, the street is copied (no street receives it: no district copy).
    const holders = { emergency: 'lead', housing: 'assistant', police: 'assistant', wenfeng_street: 'copied' };
    const id = await report('safety_hazard', 'kaizhou.wenfeng.donghua.g01', '东华社区加油站旁违规堆放液化气罐', holders);
    expect((await call('department', `/v1/cases/${id}`, { apiKey: unit('kaizhou_district') })).status).toBe(404);

    await post('emergency', `/v1/cases/${id}/acknowledge`);
    await post('police', `/v1/cases/${id}/acknowledge`);
    await post('police', `/v1/cases/${id}/assistant-report`, { report: '已控制现场' });
    const reason = '液化气罐已当场清运，住建局协办部分不再需要';
    const resolved = await post('emergency', `/v1/cases/${id}/resolve`, { resolution: '已清运全部液化气罐', withoutAssistantsReason: reason });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ withoutAssistantsReason: reason, assistantsPendingAtResolution: ['housing'] });

    const seen = await call('department', `/v1/cases/${id}`, { apiKey: unit('emergency') });
    expect(seen.body).toMatchObject({
      withoutAssistantsReason: reason,
      assistants: [
        { unitCode: 'housing', status: 'dispatched', report: null },
        { unitCode: 'police', status: 'resolved', report: '已控制现场' },
      ],
    });

    await satisfied(id);
    for (const code of Object.keys(holders)) {
      await eventually(async () => expect((await call('department', `/v1/cases/${id}`, { apiKey: unit(code) })).body.status).toBe('closed'));
    }
  });
});
