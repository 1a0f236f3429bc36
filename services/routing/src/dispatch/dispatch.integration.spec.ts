/* eslint-disable @typescript-eslint/no-explicit-any -- directory documents are changed field by field */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { EventEnvelope, createEvent, traceFrom } from '@gridwhistle/contracts';
import { OutboxWriter, messagingMigrations } from '@gridwhistle/messaging';
import { asSchemaOwner, serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { routingDatabase } from '../database/routing.database';
import { CreateRoutingSchema1763856000000 } from '../database/migrations/1763856000000-create-routing-schema';
import { publishDirectory } from '../directory/directory.store';
import { sampleDirectory } from '../directory/sample-directory';
import { DeadlineClocksService } from '../deadlines/deadline-clocks.service';
import { DispatchService } from './dispatch.service';
import { AwaitingTriageMetrics } from './awaiting-triage.metrics';

const GRID = 'kaizhou.hanfeng.ankang.g02';

/** The sample directory as version `version`, without the catalogue entries of `withoutCategories`. */
function directory(version: number, ...withoutCategories: string[]) {
  const document = sampleDirectory();
  document.version = version;
  document.catalogue = document.catalogue.filter((item: any) => !withoutCategories.includes(item.category));
  return document;
}

/** Routing's decisions on real Postgres: with the running directory, holding a case for triage and dispatching it later, once. */
describe('dispatch and triage on real Postgres', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let dispatch: DispatchService;
  let registry: Registry;

  const reported = (categoryCode: string, description = '独居老人多日未出门', gridCode = GRID) =>
    createEvent(
      'case.reported',
      randomUUID(),
      { categoryCode, gridCode, channel: 'grid_worker', description, reportedAt: new Date().toISOString(), integrationCode: 'grid_app' },
      { trace: traceFrom() },
    );
  const report = (...events: EventEnvelope<'case.reported'>[]) => dataSource.transaction((manager) => dispatch.dispatch(manager, events));
  const publish = (document: unknown) => dataSource.transaction((manager) => publishDirectory(manager, document));
  const outbox = async (caseId: string): Promise<EventEnvelope[]> =>
    (await dataSource.query('SELECT envelope FROM routing.outbox WHERE case_id = $1 ORDER BY seq', [caseId])).map(
      (row: { envelope: EventEnvelope }) => row.envelope,
    );
  const decision = async (caseId: string) =>
    (await dataSource.query('SELECT outcome, department_code, directory_version FROM routing.dispatches WHERE case_id = $1', [caseId]))[0];
  const history = async (caseId: string) =>
    (await dataSource.query('SELECT rule, directory_version, record FROM routing.decisions WHERE case_id = $1 ORDER BY id', [caseId])) as {
      rule: string;
      directory_version: number | null;
      record: any;
    }[];
  const gauge = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0].value;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('routing')]);
    dataSource = await migratedDataSource(routingDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    registry = new Registry();
    dispatch = new DispatchService(dataSource, new OutboxWriter('routing'), registry, new DeadlineClocksService());
    new AwaitingTriageMetrics(dataSource, registry);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('holds a case for triage while no directory has been published, and says so through the outbox', async () => {
    const event = reported('elderly_alone');
    await report(event);
    expect(await decision(event.caseId)).toEqual({ outcome: 'awaiting_triage', department_code: null, directory_version: null });
    const [published] = await outbox(event.caseId);
    expect(published).toMatchObject({
      type: 'case.triage_required',
      producer: 'routing',
      trace: event.trace,
      payload: { categoryCode: 'elderly_alone', gridCode: GRID, reason: 'no_route' },
    });
    expect(await history(event.caseId)).toEqual([expect.objectContaining({ rule: 'no_directory', directory_version: null })]);
    expect(await gauge('gridwhistle_cases_awaiting_triage')).toBe(1);
    expect(await gauge('gridwhistle_triage_oldest_waiting_seconds')).toBeGreaterThanOrEqual(0);
    expect(await dispatch.dispatchAwaitingTriage(100)).toEqual({ examined: 0, dispatched: 0 }); // still no directory
  });

  it('publishes a version only when it is valid and newer, and announces it without the catalogue', async () => {
    const broken = directory(1);
    broken.catalogue.find((item: any) => item.category === 'vice_gambling_drugs').lead = { locality: 'community' };
    await expect(publish(broken)).rejects.toThrow(/\$\.catalogue\[\d+\]\.lead: 'vice_gambling_drugs' is on the negative list/);
    expect(await dataSource.query('SELECT count(*)::int AS n FROM routing.directory_versions')).toEqual([{ n: 0 }]);

    expect(await publish(directory(1, 'elderly_alone'))).toEqual({ version: 1, published: true });
    expect(await publish(directory(1, 'elderly_alone'))).toEqual({ version: 1, published: false });
    await expect(publish(directory(1))).rejects.toThrow(/\$\.version: version 1 is running with other content/);

    const [announced] = await dataSource.query(`SELECT envelope, octet_length(envelope::text) AS bytes FROM routing.outbox WHERE type = 'directory.published'`);
    expect(announced.envelope.payload).toMatchObject({ city: 'kaizhou', version: 1 });
    expect(announced.envelope.payload.areas.filter((a: any) => a.level === 'grid')).toHaveLength(30);
    expect(announced.envelope.payload.areas[3]).toMatchObject({ geometry: { type: 'Polygon' } });
    expect(announced.envelope.payload).not.toHaveProperty('catalogue');
    expect(announced.envelope.payload.units).toContainEqual({ code: 'binhu_community', name: '滨湖社区居民委员会', kind: 'community', areaCode: 'kaizhou.hanfeng.binhu' });
    // Far below Kafka's 1 MB message limit, polygons and all.
    expect(announced.bytes).toBeLessThan(100_000);
  });

  it('dispatches by the running directory: the lead, its assistants and copies, and the decision recorded', async () => {
    const major = reported('safety_hazard', '燃气管道泄漏', 'kaizhou.yunfeng.pingqiao.g01');
    const own = reported('neighbour_dispute', '楼上漏水纠纷', 'kaizhou.wenfeng.donghua.g02');
    await report(major, own);
    const [dispatched] = await outbox(major.caseId);
    expect(dispatched).toMatchObject({
      type: 'case.dispatched',
      version: 3,
      trace: major.trace,
      payload: {
        departmentCode: 'emergency',
        departmentName: '区应急管理局',
        assistingUnitCodes: ['housing', 'police'],
        copiedUnitCodes: ['yunfeng_street'],
        gridNotified: false,
        rule: 'major_matter',
        directoryVersion: 1,
        round: 1,
        returnable: true,
      },
    });
    expect((await outbox(own.caseId))[0].payload).toMatchObject({ departmentCode: 'donghua_community', rule: 'community_own', gridNotified: true });
    const [record] = await history(major.caseId);
    expect(record).toMatchObject({ rule: 'major_matter', directory_version: 1 });
    expect(record.record).toMatchObject({ inputs: { categoryCode: 'safety_hazard', severity: 'major' }, catalogueItem: 'D027', basis: expect.stringMatching(/安全生产法/) });
  });

  it('holds a case no catalogue entry routes, and dispatches it once a newer version does, and only once', async () => {
    const event = reported('elderly_alone', '独居老人多日未出门');
    await report(event);
    expect(await decision(event.caseId)).toMatchObject({ outcome: 'awaiting_triage', directory_version: 1 });
    // The case from before any directory is examined by version 1 too, and still waits.
    expect(await dispatch.dispatchAwaitingTriage(100)).toEqual({ examined: 1, dispatched: 0 });
    expect(await dispatch.dispatchAwaitingTriage(100)).toEqual({ examined: 0, dispatched: 0 });

    await publish(directory(2));
    expect(await dispatch.dispatchAwaitingTriage(100)).toEqual({ examined: 2, dispatched: 2 });
    expect(await dispatch.dispatchAwaitingTriage(100)).toEqual({ examined: 0, dispatched: 0 });
    expect(await decision(event.caseId)).toEqual({ outcome: 'dispatched', department_code: 'ankang_community', directory_version: 2 });
    const events = await outbox(event.caseId);
    expect(events.map((e) => e.type)).toEqual(['case.triage_required', 'case.dispatched']);
    expect(events[1]).toMatchObject({ trace: event.trace, payload: { departmentCode: 'ankang_community', assistingUnitCodes: ['civil_affairs'], description: '独居老人多日未出门' } });
    expect((await history(event.caseId)).map((h) => [h.rule, h.directory_version])).toEqual([
      ['no_catalogue_entry', 1],
      ['community_own', 2],
    ]);
  });

  it('lets routing instances sweep side by side without dispatching a case twice', async () => {
    const waiting = Array.from({ length: 60 }, (_, i) => reported('noise_nuisance', `广场舞噪音 ${i}`, 'kaizhou.yunfeng.lianhua.g01'));
    await publish(directory(3, 'noise_nuisance'));
    await report(...waiting);
    // Another instance is in the middle of a sweep and holds one case: this sweep passes it by.
    const other = dataSource.createQueryRunner();
    await other.startTransaction();
    await other.query(`SELECT 1 FROM routing.dispatches WHERE case_id = $1 FOR UPDATE`, [waiting[0].caseId]);
    await publish(directory(4));
    const swept = await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let total = 0; ; ) {
          const { examined, dispatched } = await dispatch.dispatchAwaitingTriage(7);
          if (examined === 0) return total;
          total += dispatched;
        }
      }),
    );
    expect(swept.reduce((a, b) => a + b)).toBe(59);
    expect(await decision(waiting[0].caseId)).toMatchObject({ outcome: 'awaiting_triage' });
    await other.rollbackTransaction();
    await other.release();
    expect(await dispatch.dispatchAwaitingTriage(100)).toEqual({ examined: 1, dispatched: 1 });

    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT case_id)::int AS cases FROM routing.outbox
       WHERE type = 'case.dispatched' AND case_id = ANY($1::uuid[])`,
      [waiting.map((e) => e.caseId)],
    );
    expect(row).toEqual({ n: 60, cases: 60 });
  });
});

describe('the awaiting-triage migration', () => {
  let env: IsolatedEnvironment;
  afterAll(() => env?.dispose());

  it('turns cases decided unroutable before it into cases awaiting triage that a directory can dispatch', async () => {
    env = await createIsolatedEnvironment([serviceDatabase('routing')]);
    // As setup runs migrations: as the owner of the schema.
    const options = asSchemaOwner(routingDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    const before = await new DataSource({
      ...options,
      migrations: [CreateRoutingSchema1763856000000, ...messagingMigrations('routing')],
    }).initialize();
    const caseId = randomUUID();
    try {
      await before.runMigrations();
      await before.query(
        `INSERT INTO routing.dispatches (case_id, category_code, grid_code, outcome, decided_at) VALUES ($1, 'elderly_alone', $2, 'unroutable', now())`,
        [caseId, GRID],
      );
    } finally {
      await before.destroy();
    }
    const after = await new DataSource(options).initialize();
    try {
      await after.runMigrations();
      await after.transaction((manager) => publishDirectory(manager, directory(1)));
      const service = new DispatchService(after, new OutboxWriter('routing'), new Registry(), new DeadlineClocksService());
      expect(await service.dispatchAwaitingTriage(10)).toEqual({ examined: 1, dispatched: 1 });
      const [published] = await after.query(`SELECT envelope FROM routing.outbox WHERE case_id = $1`, [caseId]);
      expect(published.envelope).toMatchObject({ type: 'case.dispatched', payload: { departmentCode: 'ankang_community' } });
    } finally {
      await after.destroy();
    }
  });
});
