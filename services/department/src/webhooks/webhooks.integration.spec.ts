import 'reflect-metadata';
import { createHmac, randomUUID } from 'node:crypto';
import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { generateApiKey, hashApiKey } from '@gridwhistle/platform';
import { ServiceInProcess, eventually, startServiceInProcess } from '@gridwhistle/testing';
import { AppModule } from '../app.module';
import { departmentDatabase } from '../database';
import { DEPARTMENT_API } from '../department.api';
import { DepartmentEnv } from '../department.env';
import { DepartmentCasesService } from '../cases/department-cases.service';
import { WebhookClock } from './webhook.settings';

type Mode = 'ok' | 'fail' | 'hang';

/**
 * Feed entries reach webhooks once every older transaction of the Postgres cluster has ended
 * (see ChangeFeedReader); other test files creating and dropping databases on the shared
 * server hold them back for seconds at a time, so waits are generous.
 */
const PATIENCE = 60_000;
jest.setTimeout(240_000);
interface Received { path: string; id: string; timestamp: string; signature: string; body: string; verified: boolean; answered: number | 'hung' }

/**
 * A unit's own system: a real HTTP server that verifies each delivery's signature per Standard
 * Webhooks on its own (HMAC-SHA256 of "id.timestamp.body" under the whsec_ key's bytes).
 */
class Receiver {
  mode: Mode = 'ok';
  secrets: string[] = [];
  readonly received: Received[] = [];
  private server?: Server;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const headers = request.headers as IncomingHttpHeaders & Record<string, string>;
        const answered: Received['answered'] = this.mode === 'hang' ? 'hung' : this.mode === 'ok' ? 204 : 500;
        const received = { path: request.url ?? '', id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, answered };
        this.received.push({ ...received, verified: this.secrets.some((secret) => signedBy(received, secret)) });
        if (this.mode === 'hang') return; // the sender's timeout ends it
        response.statusCode = answered as number;
        response.end(this.mode === 'fail' ? 'x'.repeat(5000) : undefined);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  url(path = 'hook'): string {
    return `http://127.0.0.1:${this.port}/${path}`;
  }

  accepted(): Set<string> {
    return new Set(this.received.filter((r) => r.answered === 204).map((r) => r.id));
  }

}

function signedBy(r: Pick<Received, 'id' | 'timestamp' | 'signature' | 'body'>, secret: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return r.signature.split(' ').includes('v1,' + createHmac('sha256', key).update(`${r.id}.${r.timestamp}.${r.body}`).digest('base64'));
}

describe('webhooks against a real receiver', () => {
  let service: ServiceInProcess;
  let dataSource: DataSource;
  const keys: Record<string, string> = { water: generateApiKey('water'), planning: generateApiKey('planning') };
  const receiver = new Receiver();

  beforeAll(async () => {
    service = await startServiceInProcess(
      { service: 'department', envClass: DepartmentEnv, database: departmentDatabase, module: AppModule.register, api: DEPARTMENT_API },
      // Retries every quarter second for a minute: the schedule's shape, at test speed.
      { env: { WEBHOOK_RETRY_SCHEDULE: Array(240).fill('250ms').join(','), WEBHOOK_POLL_MS: '50', WEBHOOK_TIMEOUT_MS: '300' } },
    );
    dataSource = service.app.get(DataSource);
    for (const [code, key] of Object.entries(keys)) {
      await dataSource.query('INSERT INTO department.departments (code, name, api_key_hash) VALUES ($1, $1, $2)', [code, hashApiKey(key)]);
    }
    await receiver.start();
    await eventually(async () => expect((await call('water', 'GET', '/v1/webhooks')).statusCode).toBe(200));
  });
  afterAll(async () => {
    await receiver.stop();
    await service?.stop();
  });

  /** Each test's endpoints go when it ends, passed or not, so that the next sees only its own deliveries. */
  const cleanup: [string, string][] = [];
  afterEach(async () => {
    for (const [unit, id] of cleanup.splice(0)) await call(unit, 'DELETE', `/v1/webhooks/${id}`);
  });

  const call = (unit: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    service.app.inject({ method, url, payload, headers: { authorization: `Bearer ${keys[unit]}` } });
  const dispatch = (caseId: string, lead: string, assistants: string[] = []) =>
    dataSource.transaction((manager) =>
      service.app.get(DepartmentCasesService).receive(manager, [
        createEvent('case.dispatched', caseId, {
          departmentCode: lead,
          departmentName: lead,
          categoryCode: 'manhole_cover',
          gridCode: 'kaizhou.hanfeng.binhu.g01',
          description: '井盖缺失',
          dueAt: '2026-11-24T08:00:00.000Z',
          assistingUnitCodes: assistants,
          copiedUnitCodes: [],
          gridNotified: false,
          rule: 'category',
          directoryVersion: 1,
          round: 1,
          returnable: true,
        }),
      ]),
    );
  const register = async (unit: string, url: string, eventTypes = ['dispatched', 'acknowledged', 'webhook_disabled']) => {
    const response = await call(unit, 'POST', '/v1/webhooks', { url, eventTypes });
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; secret: string };
  };
  const deliveries = async (unit: string, webhookId: string) => (await call(unit, 'GET', `/v1/webhooks/${webhookId}/deliveries?limit=200`)).json();

  it('loses nothing through 500s, timeouts and refused connections, retries with the same webhook-id, and signs every attempt', async () => {
    receiver.mode = 'fail';
    const webhook = await register('water', receiver.url());
    cleanup.push(['water', webhook.id]);
    receiver.secrets.push(webhook.secret);
    const cases: string[] = [randomUUID(), randomUUID(), randomUUID()];
    for (const caseId of cases) await dispatch(caseId, 'water', ['planning']);
    expect((await call('water', 'POST', `/v1/cases/${cases[0]}/acknowledge`)).statusCode).toBe(200);

    await eventually(() => expect(receiver.received.filter((r) => r.answered === 500).length).toBeGreaterThanOrEqual(8), PATIENCE);
    receiver.mode = 'hang';
    await eventually(() => expect(receiver.received.filter((r) => r.answered === 'hung').length).toBeGreaterThanOrEqual(4), PATIENCE);
    await receiver.stop(); // connections refused
    await eventually(async () => {
      const log = await deliveries('water', webhook.id);
      expect(log.flatMap((d: { attempts: { error: string }[] }) => d.attempts.map((a) => a.error))).toContain('ECONNREFUSED');
    }, PATIENCE);
    receiver.mode = 'ok';
    await receiver.start(); // recovers, on the same port

    const feed = (await call('water', 'GET', '/v1/events?limit=500')).json();
    const expected = feed.entries.filter((e: { caseId: string }) => cases.includes(e.caseId)).map((e: { id: string }) => e.id);
    expect(expected).toHaveLength(4); // three dispatches, one acknowledgement
    await eventually(() => expect([...receiver.accepted()].sort()).toEqual([...expected].sort()), PATIENCE);

    expect(receiver.received.every((r) => r.verified)).toBe(true);
    for (const r of receiver.received) expect(JSON.parse(r.body).id).toBe(r.id); // the webhook-id is the entry's id, on every retry
    const log = await deliveries('water', webhook.id);
    const attempts = log.flatMap((d: { attempts: object[] }) => d.attempts);
    expect(attempts).toEqual(expect.arrayContaining([
      expect.objectContaining({ statusCode: 500, error: 'HTTP 500', responseExcerpt: 'x'.repeat(200) }),
      expect.objectContaining({ statusCode: null, error: 'no answer within 300 ms' }),
      expect.objectContaining({ statusCode: null, error: 'ECONNREFUSED' }),
      expect.objectContaining({ statusCode: 204, error: null }),
    ]));
    // The receiver answers before the service records the answer.
    await eventually(async () => expect((await deliveries('water', webhook.id)).map((d: { state: string }) => d.state)).toEqual(Array(4).fill('delivered')), PATIENCE);
    expect(feed.entries.find((e: { id: string }) => e.id === expected[0]).data).not.toHaveProperty('description');

    // Replay: the same delivery again, with the same webhook-id.
    const first = log[log.length - 1];
    const replayed = await call('water', 'POST', `/v1/webhooks/${webhook.id}/deliveries/${first.id}/replay`);
    expect(replayed.statusCode).toBe(202);
    await eventually(() => expect(receiver.received.filter((r) => r.id === first.entryId && r.answered === 204)).toHaveLength(2), PATIENCE);
  });

  it('shows the secret once, keeps it encrypted, and signs with both secrets while one is rotated out', async () => {
    receiver.mode = 'ok';
    const webhook = await register('planning', receiver.url('rotation'));
    cleanup.push(['planning', webhook.id]);
    const listed = await call('planning', 'GET', '/v1/webhooks');
    expect(JSON.stringify(listed.json())).not.toContain('whsec_');
    const [stored] = await dataSource.query('SELECT * FROM department.webhook_endpoints WHERE id = $1', [webhook.id]);
    expect(JSON.stringify(stored)).not.toContain(webhook.secret.slice(6));

    const rotated = await call('planning', 'POST', `/v1/webhooks/${webhook.id}/secret`);
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(webhook.secret);
    receiver.secrets = [webhook.secret]; // the receiver has not switched yet
    const caseId = randomUUID();
    await dispatch(caseId, 'water', ['planning']);
    const ours = () => receiver.received.filter((r) => r.path === '/rotation' && JSON.parse(r.body).caseId === caseId);
    await eventually(() => expect(ours()).not.toHaveLength(0), PATIENCE);
    const last = ours().pop()!;
    expect(last.verified).toBe(true);
    expect(signedBy(last, fresh)).toBe(true);
  });

  it('answers 404 for another unit\u2019s endpoint on every route, as for an unknown one', async () => {
    const webhook = await register('water', receiver.url());
    cleanup.push(['water', webhook.id]);
    const routes: ['GET' | 'POST' | 'PATCH' | 'DELETE', string, object?][] = [
      ['GET', `/v1/webhooks/${webhook.id}`],
      ['PATCH', `/v1/webhooks/${webhook.id}`, { enabled: false }],
      ['DELETE', `/v1/webhooks/${webhook.id}`],
      ['POST', `/v1/webhooks/${webhook.id}/secret`],
      ['GET', `/v1/webhooks/${webhook.id}/deliveries`],
      ['POST', `/v1/webhooks/${webhook.id}/deliveries/${randomUUID()}/replay`],
    ];
    for (const [method, url, body] of routes) {
      const theirs = await call('planning', method, url, body);
      const unknown = await call('planning', method, url.replace(webhook.id, randomUUID()), body);
      expect({ url, status: theirs.statusCode, type: theirs.headers['content-type'] }).toEqual({ url, status: 404, type: expect.stringMatching(/^application\/problem\+json/) });
      expect(unknown.statusCode).toBe(404);
    }
    expect((await call('planning', 'GET', '/v1/webhooks')).json().map((w: { id: string }) => w.id)).not.toContain(webhook.id);
    expect((await call('water', 'GET', `/v1/webhooks/${webhook.id}`)).json()).toMatchObject({ enabled: true });
    expect((await call('water', 'POST', '/v1/webhooks', { url: 'ftp://x', eventTypes: ['nonsense'] })).statusCode).toBe(400);
  });

  it('disables an endpoint failing for days, tells the unit in its feed, and delivers what waited once enabled', async () => {
    receiver.mode = 'fail';
    const webhook = await register('water', receiver.url(), ['dispatched', 'webhook_disabled']);
    cleanup.push(['water', webhook.id]);
    receiver.secrets = [webhook.secret];
    const caseId = randomUUID();
    await dispatch(caseId, 'water');
    const failures = () => receiver.received.filter((r) => JSON.parse(r.body).caseId === caseId && r.answered === 500).length;
    await eventually(() => expect(failures()).toBeGreaterThanOrEqual(1));

    const clock = jest.spyOn(service.app.get(WebhookClock), 'now').mockImplementation(() => new Date(Date.now() + 6 * 24 * 3600 * 1000));
    try {
      await eventually(async () => expect((await call('water', 'GET', `/v1/webhooks/${webhook.id}`)).json()).toMatchObject({ enabled: false }), PATIENCE);
    } finally {
      clock.mockRestore();
    }
    const told = await eventually(async () => {
      const entries = (await call('water', 'GET', '/v1/events?limit=500')).json().entries;
      const entry = entries.find((e: { type: string; data: { webhookId: string } }) => e.type === 'webhook_disabled' && e.data.webhookId === webhook.id);
      expect(entry).toBeDefined();
      return entry;
    }, PATIENCE);
    expect(told).toMatchObject({ caseId: null, data: { url: receiver.url() } });

    receiver.mode = 'ok';
    await dispatch(randomUUID(), 'water'); // waits while disabled
    expect((await call('water', 'PATCH', `/v1/webhooks/${webhook.id}`, { enabled: true })).json()).toMatchObject({ enabled: true, failingSince: null });
    await eventually(() => expect(receiver.accepted()).toContain(told.id), PATIENCE);
    await eventually(async () => {
      const log = await deliveries('water', webhook.id);
      expect(log.map((d: { type: string; state: string }) => [d.type, d.state])).toEqual([
        ['dispatched', 'delivered'],
        ['webhook_disabled', 'delivered'],
        ['dispatched', 'delivered'],
      ]);
    }, PATIENCE);
  });
});
