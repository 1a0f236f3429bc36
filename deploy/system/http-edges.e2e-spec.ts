import { eventually } from '@gridwhistle/testing';
import { SERVICES, ServiceName } from './setup';
import { RunningSystem } from './running-system';

/**
 * The HTTP edges of the four services, run from the build: every error is
 * application/problem+json, refused requests write nothing, and repeated requests answer as
 * the first did or say why they cannot.
 */
describe('the HTTP edges, end to end', () => {
  let system: RunningSystem;
  let hotline: string;
  let police: string;

  beforeAll(async () => {
    system = await RunningSystem.start();
    hotline = system.apiKey('integrations', 'hotline_12345');
    police = system.apiKey('departments', 'police');
  });
  afterAll(() => system?.stop());

  interface Request {
    method?: string;
    apiKey?: 'hotline' | 'police' | 'nobody';
    headers?: Record<string, string>;
    /** Sent as is, with content-type application/json unless headers say otherwise. */
    raw?: string;
    json?: unknown;
  }

  /** Any request, byte for byte (the test client would not send broken JSON or plain text). */
  async function send(service: ServiceName, path: string, request: Request = {}) {
    const keys = { hotline, police, nobody: 'gw_nobody_000' };
    const body = request.raw ?? (request.json === undefined ? undefined : JSON.stringify(request.json));
    const response = await fetch(`${system.urls[service]}${path}`, {
      method: request.method ?? (body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(request.apiKey ? { authorization: `Bearer ${keys[request.apiKey]}` } : {}),
        ...request.headers,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : undefined };
  }

  const report = (overrides: Record<string, unknown> = {}) => ({
    category: 'illegal_parking',
    description: '占用消防通道',
    location: { gridCode: 'kaizhou.wenfeng.wenfeng.g01' },
    channel: 'hotline',
    ...overrides,
  });
  const unknownCase = '8f0c2b0e-6a43-4c4e-9a63-0f5a4b1d2c3e';
  const nested = (depth: number): unknown => (depth === 0 ? 'x' : { deeper: nested(depth - 1) });

  type Row = [name: string, service: ServiceName, path: string, request: Request, status: number, type: string, fields?: string[]];
  const rows: Row[] = [
    ['no API key', 'intake', '/v1/cases', { json: report() }, 401, 'unauthorized'],
    ['an unknown API key', 'department', '/v1/cases', { apiKey: 'nobody' }, 401, 'unauthorized'],
    ['no API key for feedback', 'feedback', `/v1/cases/${unknownCase}/feedback`, { json: { solved: true, rating: 'satisfied' } }, 401, 'unauthorized'],
    ...SERVICES.map((service): Row => [`an unknown route of ${service}`, service, '/v1/nothing-here', {}, 404, 'not-found']),
    ['an unknown case', 'intake', `/v1/cases/${unknownCase}`, {}, 404, 'not-found'],
    ['a case id that is no UUID', 'intake', '/v1/cases/not-a-uuid', {}, 400, 'validation-failed', ['id']],
    ['malformed JSON', 'intake', '/v1/cases', { apiKey: 'hotline', raw: '{"category": "illegal_parking",' }, 400, 'malformed-json'],
    ['a body over 64 KiB', 'intake', '/v1/cases', { apiKey: 'hotline', json: report({ description: 'x'.repeat(70_000) }) }, 413, 'payload-too-large'],
    ['text/plain', 'intake', '/v1/cases', { apiKey: 'hotline', raw: 'manhole', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported-media-type'],
    ['text/plain to a department', 'department', `/v1/cases/${unknownCase}/resolve`, { apiKey: 'police', raw: 'done', headers: { 'content-type': 'text/plain' } }, 415, 'unsupported-media-type'],
    [
      'invalid fields, nested ones by their path',
      'intake',
      '/v1/cases',
      { apiKey: 'hotline', json: report({ location: { gridCode: 'Not A Code' }, reporter: { phone: 'call me' }, channel: 'fax', urgent: true }) },
      400,
      'validation-failed',
      ['location.gridCode', 'reporter.phone', 'channel', 'urgent'],
    ],
    ['codes that do not exist', 'intake', '/v1/cases', { apiKey: 'hotline', json: report({ category: 'alien_landing', location: { gridCode: 'kaizhou.hanfeng' } }) }, 400, 'validation-failed', ['category', 'location.gridCode']],
    ['a NUL character', 'intake', '/v1/cases', { apiKey: 'hotline', json: report({ description: 'broken\u0000cover' }) }, 400, 'validation-failed', ['description']],
    ['a lone surrogate', 'intake', '/v1/cases', { apiKey: 'hotline', json: report({ reporter: { name: 'Li \ud800' } }) }, 400, 'validation-failed', ['reporter.name']],
    ['JSON nested too deep', 'intake', '/v1/cases', { apiKey: 'hotline', json: report({ location: nested(40) }) }, 400, 'validation-failed', ['location']],
    ['a whitespace-only description', 'intake', '/v1/cases', { apiKey: 'hotline', json: report({ description: ' \n\t　' }) }, 400, 'validation-failed', ['description']],
    ['a reporter given as an array', 'intake', '/v1/cases', { apiKey: 'hotline', json: report({ reporter: [{ name: 'Li' }] }) }, 400, 'validation-failed', ['reporter']],
    ['an Idempotency-Key too long', 'intake', '/v1/cases', { apiKey: 'hotline', json: report(), headers: { 'idempotency-key': 'k'.repeat(129) } }, 400, 'validation-failed', ['Idempotency-Key']],
    ['limit=abc', 'department', '/v1/cases?limit=abc', { apiKey: 'police' }, 400, 'validation-failed', ['limit']],
    ['a NUL in a query string', 'department', '/v1/cases?status=%00', { apiKey: 'police' }, 400, 'validation-failed', ['status']],
    ['resolve with an empty JSON body', 'department', `/v1/cases/${unknownCase}/resolve`, { apiKey: 'police', raw: '' }, 400, 'validation-failed', ['resolution']],
    ['a whitespace-only resolution', 'department', `/v1/cases/${unknownCase}/resolve`, { apiKey: 'police', json: { resolution: '  ' } }, 400, 'validation-failed', ['resolution']],
    ['an unknown rating', 'feedback', `/v1/cases/${unknownCase}/feedback`, { apiKey: 'hotline', json: { solved: true, rating: 'great' } }, 400, 'validation-failed', ['rating']],
    ['feedback with an empty JSON body', 'feedback', `/v1/cases/${unknownCase}/feedback`, { apiKey: 'hotline', raw: '' }, 400, 'validation-failed', ['solved', 'rating']],
    // An action without a body takes an empty JSON one: the unknown case is what is wrong.
    ['acknowledge with an empty JSON body', 'department', `/v1/cases/${unknownCase}/acknowledge`, { apiKey: 'police', raw: '' }, 404, 'not-found'],
  ];

  // Rows as objects: jest would take a missing last element for a done callback.
  const cases = rows.map(([name, service, path, request, status, type, fields]) => ({ name, service, path, request, status, type, fields }));
  it.each(cases)('answers $name with problem+json', async ({ service, path, request, status, type, fields }) => {
    const answer = await send(service, path, request);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(answer.body).toMatchObject({ type: `https://gridwhistle.dev/problems/${type}`, title: expect.any(String), status, detail: expect.any(String) });
    if (status === 401) expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
    if (fields) {
      const named: string[] = answer.body.errors.map((error: { field: string }) => error.field);
      expect([...named].sort()).toEqual([...fields].sort());
    } else {
      expect(answer.body.errors).toBeUndefined();
    }
  });

  it('says one clear thing per field', async () => {
    const answer = await send('department', '/v1/cases?limit=abc', { apiKey: 'police' });
    expect(answer.body.errors).toEqual([{ field: 'limit', message: 'limit must be an integer from 1 to 200' }]);
  });

  // After the table above: every report in it was refused.
  it('writes nothing for the reports it refused', async () => {
    expect(await system.count('SELECT count(*)::int AS n FROM intake.cases')).toBe(0);
    expect(await system.count('SELECT count(*)::int AS n FROM intake.outbox')).toBe(0);
  });

  it('answers a reused Idempotency-Key with another body 422 and creates nothing', async () => {
    const key = { 'idempotency-key': 'call-422' };
    const first = await send('intake', '/v1/cases', { apiKey: 'hotline', headers: key, json: report({ reporter: { phone: '13800000001' } }) });
    expect(first.status).toBe(201);
    const again = await send('intake', '/v1/cases', { apiKey: 'hotline', headers: key, json: report({ reporter: { phone: '13800000001' } }) });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);

    const reused = await send('intake', '/v1/cases', { apiKey: 'hotline', headers: key, json: report({ reporter: { phone: '13800000002' } }) });
    expect(reused.status).toBe(422);
    expect(reused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(reused.body).toMatchObject({ type: 'https://gridwhistle.dev/problems/idempotency-key-reused', status: 422 });
    expect(reused.text).not.toContain('13800000002');
    expect(await system.count(`SELECT count(*)::int AS n FROM intake.cases WHERE idempotency_key = 'call-422'`)).toBe(1);
    // The fingerprint of the first request is keyed: it does not reveal the reporter.
    const stored = await system.db.query(`SELECT request_fingerprint FROM intake.cases WHERE id = $1`, [first.body.id]);
    expect(stored.rows[0].request_fingerprint).toHaveLength(32);

    // Different bodies racing with one key (they share a group commit): one case, the rest 422.
    const racing = await Promise.all(
      [1, 2, 3, 4].map((n) =>
        send('intake', '/v1/cases', { apiKey: 'hotline', headers: { 'idempotency-key': 'raced-422' }, json: report({ description: `第${n}次来电` }) }),
      ),
    );
    expect(racing.map((answer) => answer.status).sort()).toEqual([201, 422, 422, 422]);
    expect(await system.count(`SELECT count(*)::int AS n FROM intake.cases WHERE idempotency_key = 'raced-422'`)).toBe(1);
  });

  it('answers repeated department actions and feedback as the first did, or 409 with what was recorded', async () => {
    const reported = await send('intake', '/v1/cases', { apiKey: 'hotline', json: report() });
    const id: string = reported.body.id;
    const path = `/v1/cases/${id}`;
    await eventually(async () => expect((await send('department', path, { apiKey: 'police' })).status).toBe(200));

    const acknowledged = await send('department', `${path}/acknowledge`, { apiKey: 'police', raw: '' });
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.status).toBe('acknowledged');

    const resolve = (resolution: string) => send('department', `${path}/resolve`, { apiKey: 'police', json: { resolution } });
    const resolved = await resolve('已清理占道车辆');
    expect(resolved.status).toBe(200);
    expect(await resolve('已清理占道车辆')).toMatchObject({ status: 200, body: resolved.body });
    const different = await resolve('另一个说法');
    expect(different.status).toBe(409);
    expect(different.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(different.body).toMatchObject({
      type: 'https://gridwhistle.dev/problems/conflict',
      status: 409,
      currentState: 'resolved',
      resolution: '已清理占道车辆',
      allowedActions: [],
    });
    const lateAcknowledge = await send('department', `${path}/acknowledge`, { method: 'POST', apiKey: 'police' });
    expect(lateAcknowledge).toMatchObject({ status: 200, body: { status: 'resolved', resolution: '已清理占道车辆' } });
    expect(await system.count(`SELECT count(*)::int AS n FROM department.outbox WHERE case_id = $1`, [id])).toBe(2);

    const grade = (rating: string) => send('feedback', `${path}/feedback`, { apiKey: 'hotline', json: { solved: true, rating } });
    const graded = await eventually(async () => {
      const answer = await grade('satisfied');
      expect(answer.status).toBe(200);
      return answer;
    });
    expect(await grade('satisfied')).toMatchObject({ status: 200, body: graded.body });
    expect(await grade('unsatisfied')).toMatchObject({
      status: 409,
      body: { type: 'https://gridwhistle.dev/problems/conflict', currentState: 'closed', rating: 'satisfied' },
    });

    // Retries after the case closed answer with the case as it is now.
    await eventually(async () => expect((await send('department', path, { apiKey: 'police' })).body.status).toBe('closed'));
    expect(await send('department', `${path}/acknowledge`, { method: 'POST', apiKey: 'police' })).toMatchObject({ status: 200, body: { status: 'closed' } });
    expect(await resolve('已清理占道车辆')).toMatchObject({ status: 200, body: { status: 'closed' } });
    expect(await resolve('另一个说法')).toMatchObject({ status: 409, body: { currentState: 'closed', resolution: '已清理占道车辆' } });
  });
});
