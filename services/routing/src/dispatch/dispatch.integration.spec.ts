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
import { DispatchService } from './dispatch.service';
import { AwaitingTriageMetrics } from './awaiting-triage.metrics';

const GRID = 'kaizhou.hanfeng.binhu.g01';

/** Routing's decisions on real Postgres: holding a case for triage and dispatching it later, once. */
describe('dispatch and triage on real Postgres', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let dispatch: DispatchService;
  let registry: Registry;

  const reported = (categoryCode: string, description = '独居老人多日未出门') =>
    createEvent(
      'case.reported',
      randomUUID(),
      { categoryCode, gridCode: GRID, channel: 'grid_worker', description, reportedAt: new Date().toISOString(), integrationCode: 'grid_app' },
      { trace: traceFrom() },
    );
  const report = (...events: EventEnvelope<'case.reported'>[]) =>
    dataSource.transaction((manager) => dispatch.dispatch(manager, events));
  const addRoute = (categoryCode: string) =>
    dataSource.query(
      `INSERT INTO routing.category_routes (category_code, department_code, department_name, deadline_hours)
       VALUES ($1, 'civil_affairs', '区民政局', 24)`,
      [categoryCode],
    );
  const outbox = async (caseId: string): Promise<EventEnvelope[]> =>
    (await dataSource.query('SELECT envelope FROM routing.outbox WHERE case_id = $1 ORDER BY seq', [caseId])).map(
      (row: { envelope: EventEnvelope }) => row.envelope,
    );
  const decision = async (caseId: string) =>
    (await dataSource.query('SELECT outcome, department_code FROM routing.dispatches WHERE case_id = $1', [caseId]))[0];
  const gauge = async (name: string) => (await registry.getSingleMetric(name)!.get()).values[0].value;

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('routing')]);
    dataSource = await migratedDataSource(routingDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    registry = new Registry();
    dispatch = new DispatchService(dataSource, new OutboxWriter('routing'), registry);
    new AwaitingTriageMetrics(dataSource, registry);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('holds a case whose category has no route for triage, and says so through the outbox', async () => {
    const event = reported('elderly_alone');
    await report(event);
    expect(await decision(event.caseId)).toEqual({ outcome: 'awaiting_triage', department_code: null });
    const [published] = await outbox(event.caseId);
    expect(published).toMatchObject({
      type: 'case.triage_required',
      producer: 'routing',
      trace: event.trace,
      payload: { categoryCode: 'elderly_alone', gridCode: GRID, reason: 'no_route' },
    });
    expect(await gauge('gridwhistle_cases_awaiting_triage')).toBe(1);
    expect(await gauge('gridwhistle_triage_oldest_waiting_seconds')).toBeGreaterThanOrEqual(0);
    expect(await dispatch.dispatchAwaitingTriage(100)).toBe(0); // still no route: it keeps waiting
  });

  it('dispatches a case awaiting triage once its category has a route, and only once', async () => {
    const event = reported('stray_dogs', '小区流浪狗伤人');
    await report(event);
    await addRoute('stray_dogs');
    expect(await dispatch.dispatchAwaitingTriage(100)).toBe(1);
    expect(await dispatch.dispatchAwaitingTriage(100)).toBe(0);
    expect(await decision(event.caseId)).toEqual({ outcome: 'dispatched', department_code: 'civil_affairs' });
    const events = await outbox(event.caseId);
    expect(events.map((e) => e.type)).toEqual(['case.triage_required', 'case.dispatched']);
    expect(events[1]).toMatchObject({
      trace: event.trace,
      payload: { departmentCode: 'civil_affairs', departmentName: '区民政局', description: '小区流浪狗伤人', gridCode: GRID },
    });
  });

  it('lets routing instances sweep side by side without dispatching a case twice', async () => {
    const waiting = Array.from({ length: 60 }, (_, i) => reported('noisy_square_dance', `广场舞噪音 ${i}`));
    await report(...waiting);
    // Another instance is in the middle of a sweep and holds one case: this sweep passes it by.
    const other = dataSource.createQueryRunner();
    await other.startTransaction();
    await other.query(`SELECT 1 FROM routing.dispatches WHERE case_id = $1 FOR UPDATE`, [waiting[0].caseId]);
    await addRoute('noisy_square_dance');
    const swept = await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let total = 0; ; ) {
          const n = await dispatch.dispatchAwaitingTriage(7);
          if (n === 0) return total;
          total += n;
        }
      }),
    );
    expect(swept.reduce((a, b) => a + b)).toBe(59);
    expect(await decision(waiting[0].caseId)).toMatchObject({ outcome: 'awaiting_triage' });
    await other.rollbackTransaction();
    await other.release();
    expect(await dispatch.dispatchAwaitingTriage(100)).toBe(1);

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

  it('turns cases decided unroutable before it into cases awaiting triage that can be dispatched', async () => {
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
      await after.query(
        `INSERT INTO routing.category_routes VALUES ('elderly_alone', 'civil_affairs', '区民政局', 24)`,
      );
      const service = new DispatchService(after, new OutboxWriter('routing'), new Registry());
      expect(await service.dispatchAwaitingTriage(10)).toBe(1);
      const [published] = await after.query(`SELECT envelope FROM routing.outbox WHERE case_id = $1`, [caseId]);
      expect(published.envelope).toMatchObject({ type: 'case.dispatched', payload: { departmentCode: 'civil_affairs' } });
    } finally {
      await after.destroy();
    }
  });
});
