/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers and documents, read field by field */
import { DataSource } from 'typeorm';
import { generateApiKey, hashApiKey } from '@gridwhistle/platform';
import { ServiceInProcess, eventually, startServiceInProcess } from '@gridwhistle/testing';
import { AppModule } from '../app.module';
import { publishDirectoryVersion, routingDatabase, seedOperators } from '../database';
import { ROUTING_API } from '../routing.api';
import { RoutingEnv } from '../routing.env';
import { sampleDirectory } from './sample-directory';

/** Operators show, compare and publish directory versions through routing's API, on real Postgres and Kafka. */
describe('the directory versions API', () => {
  let service: ServiceInProcess;
  let dataSource: DataSource;
  const operatorKey = generateApiKey('gw');

  beforeAll(async () => {
    service = await startServiceInProcess({ service: 'routing', envClass: RoutingEnv, database: routingDatabase, module: AppModule.register, api: ROUTING_API });
    dataSource = service.app.get(DataSource);
    await seedOperators(dataSource, [{ code: 'command_centre', name: '区指挥中心', apiKeyHash: hashApiKey(operatorKey) }]);
    // The sample city as version 1, whatever its own number: the test publishes the versions after it.
    await publishDirectoryVersion(dataSource, { ...sampleDirectory(), version: 1 });
  });
  afterAll(() => service?.stop());

  const call = async (method: 'GET' | 'POST', url: string, body?: unknown, apiKey = operatorKey) => {
    const answer = await service.app.inject({ method, url, headers: { authorization: `Bearer ${apiKey}` }, ...(body === undefined ? {} : { payload: body as object }) });
    return { status: answer.statusCode, type: answer.headers['content-type'], body: answer.json() as any };
  };
  const version = (n: number, change: (document: Record<string, any>) => void = () => undefined) => {
    const document = sampleDirectory();
    change(document);
    return { ...document, version: n };
  };

  it('publishes a valid version by an operator, says what changed, and announces it', async () => {
    await eventually(async () => expect((await call('GET', '/v1/directory/versions')).status).toBe(200));
    const before = await call('GET', '/v1/directory/versions');
    expect(before.body.versions).toEqual([expect.objectContaining({ version: 1, city: 'kaizhou', publishedBy: null, running: true })]);

    const v2 = version(2, (d) => {
      d.units = d.units.filter((u: any) => u.code !== 'ecology');
      d.catalogue = d.catalogue.filter((e: any) => e.lead.unit !== 'ecology' && !e.assisting.some((a: any) => a.unit === 'ecology'));
      d.categories.find((c: any) => c.code === 'manhole_cover').name = '井盖缺失或破损';
      d.responsibilities.negative.push('elderly_alone');
      d.responsibilities.communityHandles = d.responsibilities.communityHandles.filter((c: string) => c !== 'elderly_alone');
      d.catalogue = d.catalogue.map((e: any) => (e.category === 'elderly_alone' ? { ...e, lead: { unit: 'civil_affairs' }, assisting: [] } : e));
    });
    const published = await call('POST', '/v1/directory/versions', v2);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ version: 2, publishedBy: 'command_centre', running: true, changes: { from: 1, to: 2, changed: true } });
    expect(published.body.changes.units).toEqual({ added: [], removed: ['ecology'], changed: [] });
    expect(published.body.changes.categories.changed).toEqual([{ code: 'manhole_cover', fields: [{ field: 'name', before: '井盖缺失', after: '井盖缺失或破损' }] }]);
    expect(published.body.changes.lists).toMatchObject({ negative: { added: ['elderly_alone'], removed: [] }, communityHandles: { added: [], removed: ['elderly_alone'] } });

    // Sent again (a retry), it changes nothing and answers 200.
    expect(await call('POST', '/v1/directory/versions', v2)).toMatchObject({ status: 200, body: { version: 2, running: true } });

    const list = await call('GET', '/v1/directory/versions');
    expect(list.body.versions.map((v: any) => [v.version, v.publishedBy, v.running])).toEqual([
      [2, 'command_centre', true],
      [1, null, false],
    ]);
    expect((await call('GET', '/v1/directory/versions/2')).body).toEqual(v2);
    const diff = await call('GET', '/v1/directory/versions/1/diff?against=running');
    expect(diff.status).toBe(200);
    expect(diff.body).toMatchObject({ from: 2, to: 1, units: { added: ['ecology'], removed: [] } });
    expect((await call('GET', '/v1/directory/versions/2/diff?against=2')).body.changed).toBe(false);

    // Announced to the other services through the outbox, and published to Kafka.
    await eventually(async () => {
      const [row] = await dataSource.query(
        `SELECT published_at FROM routing.outbox WHERE type = 'directory.published' AND (envelope->'payload'->>'version')::int = 2`,
      );
      expect(row?.published_at).toBeTruthy();
    });
  });

  it('refuses a broken document with each path and reason, and keeps the running version', async () => {
    const broken = version(9, (d) => {
      d.catalogue.find((e: any) => e.category === 'illegal_construction').lead = { locality: 'community' };
      d.units[0].kind = 'ministry';
    });
    const refused = await call('POST', '/v1/directory/versions', broken);
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'https://gridwhistle.dev/problems/invalid-directory', status: 422 });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: '$.units[0].kind' })]);

    const onlyRules = await call('POST', '/v1/directory/versions', version(9, (d) => (d.catalogue.find((e: any) => e.category === 'illegal_construction').lead = { locality: 'community' })));
    expect(onlyRules.status).toBe(422);
    expect(onlyRules.body.errors).toEqual([{ field: expect.stringMatching(/^\$\.catalogue\[\d+\]\.lead$/), message: expect.stringContaining('负面清单') }]);

    expect(await call('POST', '/v1/directory/versions', version(1))).toMatchObject({ status: 409, body: { runningVersion: 2 } });
    expect((await call('GET', '/v1/directory/versions')).body.versions.map((v: any) => v.version)).toEqual([2, 1]);
  });

  it('answers operators only, and missing versions and bad parameters as problems', async () => {
    expect((await call('GET', '/v1/directory/versions', undefined, 'gw_not_a_key')).status).toBe(401);
    expect(await call('GET', '/v1/directory/versions/77')).toMatchObject({ status: 404, body: { type: 'https://gridwhistle.dev/problems/not-found' } });
    expect(await call('GET', '/v1/directory/versions/1/diff?against=77')).toMatchObject({ status: 404 });
    expect(await call('GET', '/v1/directory/versions/one')).toMatchObject({ status: 400, body: { errors: [{ field: 'version' }] } });
    expect(await call('GET', '/v1/directory/versions/1/diff?against=latest')).toMatchObject({ status: 400, body: { errors: [{ field: 'against' }] } });
  });
});
