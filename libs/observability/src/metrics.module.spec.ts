import 'reflect-metadata';
import { AddressInfo, createServer } from 'node:net';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { MetricsAccess, bearerTokenMatches } from './metrics.access';
import { MetricsModule } from './metrics.module';

const TOKEN = 'a-metrics-token-of-our-own';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('GET /metrics', () => {
  const apps: NestFastifyApplication[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  /** An app with only the metrics module, listening on a port of its own; returns both base URLs. */
  async function serve(access: MetricsAccess) {
    @Module({ imports: [MetricsModule.register('probe', access)] })
    class Probe {}
    const app = await NestFactory.create<NestFastifyApplication>(Probe, new FastifyAdapter(), { logger: false });
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    return { api: await app.getUrl(), metrics: `http://127.0.0.1:${access.port}` };
  }
  const get = async (url: string, token?: string) => {
    const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  };

  it('is open on the API port without port or token (the local profile only)', async () => {
    const { api } = await serve({});
    const answer = await get(`${api}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/process_cpu_user_seconds_total\{service="probe"\}/);
  });

  it('asks for the token on the API port when one is set', async () => {
    const { api } = await serve({ token: TOKEN });
    expect((await get(`${api}/metrics`)).status).toBe(401);
    expect((await get(`${api}/metrics`, 'a-wrong-token')).status).toBe(401);
    expect((await get(`${api}/metrics`, `${TOKEN}x`)).status).toBe(401);
    const answer = await get(`${api}/metrics`, TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/service="probe"/);
  });

  it('moves to its own port when one is set, and is gone from the API port', async () => {
    const { api, metrics } = await serve({ port: await freePort(), host: '127.0.0.1' });
    expect((await get(`${api}/metrics`)).status).toBe(404);
    const answer = await get(`${metrics}/metrics`);
    expect(answer.status).toBe(200);
    expect(answer.type).toMatch(/^text\/plain/);
    expect(answer.text).toMatch(/service="probe"/);
    const elsewhere = await get(`${metrics}/v1/cases`);
    expect(elsewhere).toMatchObject({ status: 404, type: 'application/problem+json' });
  });

  it('asks for the token on its own port too when both are set', async () => {
    const { metrics } = await serve({ port: await freePort(), host: '127.0.0.1', token: TOKEN });
    const refused = await get(`${metrics}/metrics`, 'a-wrong-token');
    expect(refused).toMatchObject({ status: 401, type: 'application/problem+json' });
    expect(JSON.parse(refused.text)).toMatchObject({ type: 'https://gridwhistle.dev/problems/unauthorized', status: 401 });
    expect((await get(`${metrics}/metrics`, TOKEN)).status).toBe(200);
  });
});

describe('bearerTokenMatches', () => {
  it('accepts the token alone, whatever the length of what is sent', () => {
    expect(bearerTokenMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerTokenMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    for (const header of [undefined, '', TOKEN, `Bearer ${TOKEN.slice(1)}`, `Bearer ${TOKEN}${TOKEN}`, `Basic ${TOKEN}`]) {
      expect(bearerTokenMatches(header, TOKEN)).toBe(false);
    }
  });
});
