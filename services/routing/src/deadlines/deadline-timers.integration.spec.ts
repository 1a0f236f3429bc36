import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { EventEnvelope, createEvent, traceFrom } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { routingDatabase } from '../database/routing.database';
import { publishDirectory } from '../directory/directory.store';
import { sampleDirectory } from '../directory/sample-directory';
import { DispatchService } from '../dispatch/dispatch.service';
import { DeadlineClocksService } from './deadline-clocks.service';
import { DeadlineTimers } from './deadline-timers';

const DAY = 86_400_000;
/** sewage_dumping in Pingqiao: the water department leads, ecology assists, policy three_working_days. */
const GRID = 'kaizhou.yunfeng.pingqiao.g01';

/** Durable deadline timers on real Postgres, with a clock of the test's own. */
describe('deadline timers on real Postgres', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  const clocks = new DeadlineClocksService();
  let dispatch: DispatchService;

  const options = () => routingDatabase({ DATABASE_URL: env.databaseUrl });
  const report = async (count = 1): Promise<string[]> => {
    const events = Array.from({ length: count }, () =>
      createEvent('case.reported', randomUUID(), { categoryCode: 'sewage_dumping', gridCode: GRID, channel: 'grid', requestKind: 'report', description: '污水直排河道', reportedAt: new Date().toISOString(), integrationCode: 'grid_app' }, { trace: traceFrom() }),
    );
    await dataSource.transaction((manager) => dispatch.dispatch(manager, events));
    return events.map((e) => e.caseId);
  };
  const deadlineEvents = async (caseId: string): Promise<EventEnvelope[]> =>
    (await dataSource.query(`SELECT envelope FROM routing.outbox WHERE case_id = $1 AND type <> 'case.dispatched' ORDER BY seq`, [caseId])).map(
      (row: { envelope: EventEnvelope }) => row.envelope,
    );
  const timers = async (caseId: string) =>
    (await dataSource.query(
      `SELECT c.unit_code AS unit, c.clock, t.step, t.fire_at AS "fireAt", t.fired_at AS "firedAt" FROM routing.clock_timers t JOIN routing.case_clocks c ON c.id = t.clock_id
       WHERE c.case_id = $1 ORDER BY t.fire_at`,
      [caseId],
    )) as { unit: string; clock: string; step: string; fireAt: Date; firedAt: Date | null }[];
  const fireAll = async (timersOf: DeadlineTimers, now: Date, batch = 500) => {
    let fired = 0;
    for (let n = -1; n !== 0; fired += n) n = await timersOf.fireDue(now, batch);
    return fired;
  };

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('routing')]);
    dataSource = await migratedDataSource(options(), env.databaseUrl);
    dispatch = new DispatchService(dataSource, new OutboxWriter('routing'), new Registry(), clocks);
    await dataSource.transaction((manager) => publishDirectory(manager, sampleDirectory()));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('starts the clocks with the dispatch, whose dueAt is the acknowledge deadline, and fires nothing early', async () => {
    const [caseId] = await report();
    const all = await timers(caseId);
    expect(new Set(all.map((t) => `${t.unit}:${t.clock}`))).toEqual(new Set(['water:acknowledge', 'water:first_contact', 'water:resolve', 'ecology:acknowledge']));
    const [dispatched] = await dataSource.query(`SELECT envelope FROM routing.outbox WHERE case_id = $1 AND type = 'case.dispatched'`, [caseId]);
    const acknowledgeDue = all.find((t) => t.unit === 'water' && t.clock === 'acknowledge' && t.step === 'breach')!.fireAt;
    expect(dispatched.envelope.payload.dueAt).toBe(acknowledgeDue.toISOString());

    const first = all[0];
    const timersOf = new DeadlineTimers(dataSource);
    expect(await timersOf.fireDue(new Date(first.fireAt.getTime() - 1), 100)).toBe(0);
    expect(await deadlineEvents(caseId)).toEqual([]);
    expect(await timersOf.fireDue(first.fireAt, 100)).toBeGreaterThanOrEqual(1);
    const [warning] = await deadlineEvents(caseId);
    expect(warning).toMatchObject({ type: 'case.deadline_warning', payload: { fraction: 0.5, round: 1, clock: first.clock, unitCode: first.unit } });
    expect(await timersOf.fireDue(first.fireAt, 100)).toBe(0); // fired once
  });

  it('climbs the whole ladder when the case stays unresolved: reminder, street, district, then the register (挂账)', async () => {
    const [caseId] = await report();
    const timersOf = new DeadlineTimers(dataSource);
    const resolve = (await timers(caseId)).filter((t) => t.clock === 'resolve');
    const at = (step: string) => resolve.find((t) => t.step === step)!.fireAt;
    expect(resolve.map((t) => t.step)).toEqual(['warning:0.5', 'warning:0.75', 'breach', 'street', 'district', 'register']);

    await fireAll(timersOf, at('breach'));
    const breach = (await deadlineEvents(caseId)).filter((e) => e.type === 'case.deadline_breached' || e.type === 'case.supervised');
    expect(breach).toContainEqual(expect.objectContaining({ type: 'case.deadline_breached', payload: { clock: 'resolve', unitCode: 'water', round: 1, dueAt: at('breach').toISOString() } }));
    expect(breach).toContainEqual(expect.objectContaining({ type: 'case.supervised', payload: { level: 'reminder', unitCode: 'water', round: 1, dueAt: at('street').toISOString() } }));

    await fireAll(timersOf, at('street'));
    await fireAll(timersOf, at('district'));
    await fireAll(timersOf, at('register'));
    const ladder = (await deadlineEvents(caseId)).filter((e) => e.type === 'case.supervised' || e.type === 'case.registered_unresolved');
    expect(ladder.map((e) => e.payload)).toEqual([
      { level: 'reminder', unitCode: 'water', round: 1, dueAt: at('street').toISOString() },
      { level: 'street', unitCode: 'water', supervisorCode: 'yunfeng_street', round: 1, dueAt: at('district').toISOString() },
      { level: 'district', unitCode: 'water', supervisorCode: 'kaizhou_district', round: 1, dueAt: at('register').toISOString() },
      { unitCode: 'water', round: 1, reviewAt: expect.any(String) },
    ]);
    // 20 working days later, at least four weeks of the calendar.
    expect(Date.parse((ladder[3].payload as { reviewAt: string }).reviewAt) - at('register').getTime()).toBeGreaterThanOrEqual(27 * DAY);
    // Every timer fired but the register's first review, planned for its date.
    expect((await timers(caseId)).filter((t) => t.firedAt === null).map((t) => t.step)).toEqual(['review:1']);
  });

  it('stops a clock with the state change: acknowledged and resolved stop theirs, resolving starts the callback clock, closing stops all', async () => {
    const [caseId] = await report();
    const at = new Date();
    await dataSource.transaction(async (manager) => {
      await clocks.acknowledged(manager, [createEvent('case.acknowledged', caseId, { departmentCode: 'water' }, { occurredAt: at })]);
      await clocks.resolved(manager, [createEvent('case.resolved', caseId, { departmentCode: 'water', resolution: '已封堵排污口', outcome: 'fixed', evidence: [] }, { occurredAt: at })]);
    });
    expect(new Set((await timers(caseId)).map((t) => `${t.unit}:${t.clock}`))).toEqual(new Set(['ecology:acknowledge', 'water:callback']));
    await fireAll(new DeadlineTimers(dataSource), new Date(Date.now() + 5 * DAY));
    expect((await deadlineEvents(caseId)).map((e) => `${e.type}:${(e.payload as { clock?: string }).clock}:${(e.payload as { unitCode: string }).unitCode}`)).not.toContainEqual(
      expect.stringMatching(/:(acknowledge|resolve):water$/),
    );
    await dataSource.transaction((manager) => clocks.closed(manager, [createEvent('case.closed', caseId, { outcome: 'solved_satisfied', rating: 'satisfied', reopenCount: 0 })]));
    expect((await timers(caseId)).filter((t) => t.firedAt === null)).toEqual([]);
  });

  it('a new dispatch of the case starts a new round and stops the old one (re-handling, 重办)', async () => {
    const [caseId] = await report();
    const [decision] = await dataSource.query('SELECT record FROM routing.decisions WHERE case_id = $1', [caseId]);
    await dataSource.transaction((manager) => clocks.dispatched(manager, [{ caseId, decidedAt: new Date(), record: decision.record, traceparent: null }]));
    const rows = await dataSource.query('SELECT round, stop_reason AS reason FROM routing.case_clocks WHERE case_id = $1 ORDER BY round, id', [caseId]);
    expect(rows.filter((r: { round: number }) => r.round === 1).every((r: { reason: string }) => r.reason === 'superseded')).toBe(true);
    expect(rows.filter((r: { round: number }) => r.round === 2)).toHaveLength(4);
  });

  it('a timer due while routing was down fires once after it starts again', async () => {
    const [caseId] = await report();
    await dataSource.destroy(); // routing stops
    const later = new Date(Date.now() + 90 * DAY);
    dataSource = await new DataSource(options()).initialize(); // and starts again, long after the deadlines
    const restarted = new DeadlineTimers(dataSource);
    await fireAll(restarted, later);
    expect(await fireAll(restarted, later)).toBe(0);
    const fired = (await timers(caseId)).filter((t) => t.fireAt <= later); // the register's reviews go on beyond
    expect(fired.every((t) => t.firedAt !== null)).toBe(true);
    expect(await deadlineEvents(caseId)).toHaveLength(fired.length + 1); // each timer's event, and the breach's reminder
  });

  it('two routing replicas polling side by side fire each timer exactly once', async () => {
    const caseIds = await report(40);
    const replicas = await Promise.all([0, 1].map(() => new DataSource(options()).initialize()));
    try {
      const later = new Date(Date.now() + 90 * DAY);
      const fired = await Promise.all(replicas.map((replica) => fireAll(new DeadlineTimers(replica), later, 7)));
      const [{ n: expected }] = await dataSource.query(
        `SELECT count(*)::int AS n FROM routing.clock_timers t JOIN routing.case_clocks c ON c.id = t.clock_id WHERE c.case_id = ANY($1::uuid[]) AND t.fire_at <= $2`,
        [caseIds, later],
      );
      expect(fired[0] + fired[1]).toBe(expected);
      expect(fired[0]).toBeGreaterThan(0);
      expect(fired[1]).toBeGreaterThan(0);
      const events: { key: string; n: number }[] = await dataSource.query(
        `SELECT concat_ws(':', case_id, type, envelope->'payload'->>'clock', envelope->'payload'->>'unitCode', envelope->'payload'->>'fraction', envelope->'payload'->>'level', envelope->'payload'->>'review') AS key, count(*)::int AS n
         FROM routing.outbox WHERE case_id = ANY($1::uuid[]) AND type <> 'case.dispatched' GROUP BY 1`,
        [caseIds],
      );
      expect(events.filter((e) => e.n !== 1)).toEqual([]);
      expect(events).toHaveLength(expected + caseIds.length); // plus one reminder per case
    } finally {
      await Promise.all(replicas.map((r) => r.destroy()));
    }
  });
});
