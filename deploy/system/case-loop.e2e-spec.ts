import { eventually } from '@gridwhistle/testing';
import { SERVICES } from './setup';
import { RunningSystem } from './running-system';

/**
 * One case around the whole loop, through the HTTP APIs only, with the four services running
 * as separate processes from the build, on real Kafka and Postgres:
 * reported → dispatched → acknowledged → resolved → graded → closed.
 */
describe('the closed loop, end to end', () => {
  let system: RunningSystem;
  const key = (kind: 'departments' | 'integrations', code: string) => system.apiKey(kind, code);
  const call: RunningSystem['call'] = (...args) => system.call(...args);
  const publicStatus = async (id: string) => (await call('intake', `/v1/cases/${id}`)).body.status;

  beforeAll(async () => (system = await RunningSystem.start()));
  afterAll(() => system?.stop());

  it('takes a case from report to closure, with the public status right at each step', async () => {
    const hotline = key('integrations', 'hotline_12345');
    const urbanManagement = key('departments', 'urban_management');

    const firstCall = {
      apiKey: hotline,
      headers: { 'idempotency-key': 'call-20261122-0001' },
      body: {
        category: 'manhole_cover',
        description: '滨湖社区3栋门口井盖缺失，夜间有行人跌落风险',
        location: { gridCode: 'kaizhou.hanfeng.binhu.g01' },
        reporter: { name: '李女士', phone: '13812345678' },
        channel: 'hotline',
      },
    };
    const reported = await call('intake', '/v1/cases', firstCall);
    expect(reported.status).toBe(201);
    const id: string = reported.body.id;
    expect(reported.body.status).toBe('reported');

    // The grid whistles: routing dispatches to urban management, which finds the case in its list.
    await eventually(async () => expect(await publicStatus(id)).toBe('dispatched'));
    // Intake and the department consume the dispatch independently: wait for the department too.
    const listed = await eventually(async () => {
      const answer = await call('department', '/v1/cases?status=dispatched', { apiKey: urbanManagement });
      expect(answer.status).toBe(200);
      expect(answer.body.cases.map((c: { id: string }) => c.id)).toContain(id);
      return answer;
    });
    expect(listed.text).not.toContain('13812345678');

    // The department reports in.
    const acknowledged = await call('department', `/v1/cases/${id}/acknowledge`, { method: 'POST', apiKey: urbanManagement });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('acknowledged');
    await eventually(async () => expect(await publicStatus(id)).toBe('acknowledged'));

    // Not resolved yet: to feedback the case does not exist.
    const grade = (apiKey: string) => call('feedback', `/v1/cases/${id}/feedback`, { apiKey, body: { solved: true, rating: 'satisfied' } });
    const notYetResolved = await grade(hotline);
    expect(notYetResolved.status).toBe(404);

    const resolved = await call('department', `/v1/cases/${id}/resolve`, {
      apiKey: urbanManagement,
      body: { resolution: '已安装新井盖并设置警示标志' },
    });
    expect(resolved.status).toBe(200);
    await eventually(async () => expect(await publicStatus(id)).toBe('resolved'));

    // Only the integration that reported the case may grade it; to another it does not exist.
    const gridApp = key('integrations', 'grid_app');
    await eventually(async () => expect(await system.count('SELECT count(*)::int AS n FROM feedback.callbacks WHERE case_id = $1', [id])).toBe(1));
    const stranger = await grade(gridApp);
    expect({ status: stranger.status, body: stranger.body }).toEqual({ status: 404, body: notYetResolved.body });

    // The resident is called back and is satisfied: the case closes everywhere.
    const feedback = await eventually(async () => {
      const answer = await grade(hotline);
      expect(answer.status).toBe(200);
      return answer.body;
    });
    expect(feedback).toMatchObject({ caseId: id, rating: 'satisfied', caseClosed: true });
    expect((await grade(gridApp)).status).toBe(404);
    await eventually(async () => expect(await publicStatus(id)).toBe('closed'));
    await eventually(async () => {
      const seen = await call('department', `/v1/cases/${id}`, { apiKey: urbanManagement });
      expect(seen.body.status).toBe('closed');
    });

    const view = await call('intake', `/v1/cases/${id}`);
    expect(view.body.timeline.map((entry: { event: string }) => entry.event)).toEqual([
      'reported',
      'dispatched',
      'acknowledged',
      'resolved',
      'graded',
      'closed',
    ]);
    expect(view.body.timeline[1]).toMatchObject({ department: '区城市管理局' });
    expect(view.body.grid).toEqual({ code: 'kaizhou.hanfeng.binhu.g01', name: '滨湖社区第一网格' });
    // The public view carries no personal data.
    expect(view.text).not.toMatch(/13812345678|李女士|5678/);

    // A very late retry of the first call answers with the case as it is now.
    const late = await call('intake', '/v1/cases', firstCall);
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ id, status: 'closed' });
  });

  it('keeps the reporter encrypted at rest and answers a retried report with the same case', async () => {
    const hotline = key('integrations', 'hotline_12345');
    const body = {
      category: 'neighbour_dispute',
      description: '楼上装修噪音',
      location: { gridCode: 'kaizhou.wenfeng.donghua.g02' },
      reporter: { phone: '13987654321' },
      channel: 'hotline',
    };
    const first = await call('intake', '/v1/cases', { apiKey: hotline, body, headers: { 'idempotency-key': 'retry-me' } });
    const retry = await call('intake', '/v1/cases', { apiKey: hotline, body, headers: { 'idempotency-key': 'retry-me' } });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    // Retries racing each other (they share one group commit): still one case. Another resident's
    // call: the same requester's would be a repeat of the case above, answered 200 with it.
    const neighbour = { ...body, reporter: { phone: '13987654322' } };
    const racing = await Promise.all(
      Array.from({ length: 5 }, () => call('intake', '/v1/cases', { apiKey: hotline, body: neighbour, headers: { 'idempotency-key': 'raced' } })),
    );
    expect(new Set(racing.map((answer) => answer.status))).toEqual(new Set([201]));
    expect(new Set(racing.map((answer) => answer.body.id)).size).toBe(1);
    expect(racing.filter((answer) => answer.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);

    const rows = await system.db.query('SELECT reporter FROM intake.cases WHERE id = $1', [first.body.id]);
    expect(rows.rows).toHaveLength(1);
    expect(await system.count(`SELECT count(*)::int AS n FROM intake.cases WHERE idempotency_key = 'raced'`)).toBe(1);
    const sealed: Buffer = rows.rows[0].reporter;
    expect(sealed.toString('latin1')).not.toContain('13987654321');
    // AES-256-GCM as laid out by intake: version 1 | iv (12) | tag (16) | ciphertext of the JSON.
    expect(sealed[0]).toBe(1);
    expect(sealed.length).toBe(29 + Buffer.byteLength(JSON.stringify({ phone: '13987654321' })));
    // A neighbours' dispute is the community's own matter: routed to 东华社区, which sees it; no department does.
    await eventually(async () => {
      const owner = await call('department', `/v1/cases/${first.body.id}`, { apiKey: key('departments', 'donghua_community') });
      expect(owner.status).toBe(200);
    });
    const other = await call('department', `/v1/cases/${first.body.id}`, { apiKey: key('departments', 'urban_management') });
    expect(other.status).toBe(404);
    const denied = await call('department', `/v1/cases/${first.body.id}/acknowledge`, {
      method: 'POST',
      apiKey: key('departments', 'police'),
    });
    expect(denied.status).toBe(404);
  });

  it("pages through a department's cases in the order they changed", async () => {
    const hotline = key('integrations', 'hotline_12345');
    const police = key('departments', 'police');
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const answer = await call('intake', '/v1/cases', {
        apiKey: hotline,
        body: { category: 'illegal_parking', description: `占用消防通道 ${n}`, location: { gridCode: 'kaizhou.wenfeng.wenfeng.g01' }, channel: 'hotline' },
      });
      ids.push(answer.body.id);
      await eventually(async () => expect((await call('department', `/v1/cases/${answer.body.id}`, { apiKey: police })).status).toBe(200));
    }
    const first = await call('department', '/v1/cases?limit=2', { apiKey: police });
    expect(first.body.cases.map((c: { id: string }) => c.id)).toEqual(ids.slice(0, 2));
    const second = await call('department', `/v1/cases?limit=2&after=${first.body.next}`, { apiKey: police });
    expect(second.body).toEqual({ cases: [expect.objectContaining({ id: ids[2], status: 'dispatched' })], next: null, resumeAfter: expect.any(String) });
    const bad = await call('department', '/v1/cases?limit=500&status=lost', { apiKey: police });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/status must be one of dispatched, acknowledged, resolved, unfixable, closed/);
    expect(bad.text).toMatch(/limit must be an integer from 1 to 200/);
  });

  it('answers bad input with a clear error', async () => {
    const hotline = key('integrations', 'hotline_12345');
    const unauthenticated = await call('intake', '/v1/cases', { body: {} });
    expect(unauthenticated.status).toBe(401);
    const wrongKey = await call('department', '/v1/cases', { apiKey: 'gw_nobody_000' });
    expect(wrongKey.status).toBe(401);

    const invalid = await call('intake', '/v1/cases', { apiKey: hotline, body: { category: 'manhole_cover', channel: 'fax' } });
    expect(invalid.status).toBe(400);
    expect(invalid.text).toMatch(/description/);
    expect(invalid.text).toMatch(/channel must be one of hotline, grid, resident_web, resident_app, open311/);
    expect(invalid.text).toMatch(/location/);

    const unknownCodes = await call('intake', '/v1/cases', {
      apiKey: hotline,
      body: { category: 'alien_landing', description: 'x', location: { gridCode: 'kaizhou.hanfeng' }, channel: 'hotline' },
    });
    expect(unknownCodes.status).toBe(400);
    expect(unknownCodes.text).toMatch(/unknown category 'alien_landing'/);
    expect(unknownCodes.text).toMatch(/is a street, not a grid/);

    const nested = await call('intake', '/v1/cases', {
      apiKey: hotline,
      body: { category: 'manhole_cover', description: 'x', location: { gridCode: 'Not A Code' }, reporter: { phone: 'call me' }, channel: 'hotline', urgent: true },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'urgent', message: 'property urgent should not exist' },
        { field: 'location.gridCode', message: 'location.gridCode must be a grid code from GET /v1/areas' },
        { field: 'reporter.phone', message: 'reporter.phone must be a phone number (digits, spaces, -)' },
      ]),
    );
    expect(nested.text).not.toContain('call me');

    expect((await call('intake', '/v1/cases/not-a-uuid')).status).toBe(400);
    expect((await call('intake', '/v1/cases/8f0c2b0e-6a43-4c4e-9a63-0f5a4b1d2c3e')).status).toBe(404);
    const notResolved = await call('feedback', '/v1/cases/8f0c2b0e-6a43-4c4e-9a63-0f5a4b1d2c3e/feedback', {
      apiKey: hotline,
      body: { solved: true, rating: 'great' },
    });
    expect(notResolved.status).toBe(400);
    expect(notResolved.text).toMatch(/rating must be one of satisfied, basically_satisfied, unsatisfied/);
  });

  it('serves the reference data, health and metrics', async () => {
    const categories = await call('intake', '/v1/categories');
    expect(categories.body.categories).toContainEqual({ code: 'manhole_cover', name: '井盖缺失' });
    const areas = await call('intake', '/v1/areas');
    const [district] = areas.body.areas;
    expect(district).toMatchObject({ code: 'kaizhou', name: '开州区', level: 'district' });
    expect(district.children[0].level).toBe('street');
    expect(district.children[0].children[0].level).toBe('community');
    expect(district.children[0].children[0].children[0]).toMatchObject({ level: 'grid', children: [] });

    for (const service of SERVICES) {
      const health = await call(service, '/health');
      expect(health.body).toEqual({ status: 'ok', checks: { postgres: 'up', kafka: 'up' } });
      const metrics = await call(service, '/metrics');
      expect(metrics.text).toContain(`process_resident_memory_bytes{service="${service}"}`);
    }
    expect((await call('intake', '/metrics')).text).toMatch(/gridwhistle_cases_reported_total\{channel="hotline",category="manhole_cover",service="intake"\} [1-9]/);
  });
});
