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
import { ClockRequestsService } from './clock-requests.service';
import { ExtensionDecisionsService } from './extension-decisions.service';

const DAY = 86_400_000;
/** sewage_dumping in Pingqiao: the water department leads; policy three_working_days. */
const GRID = 'kaizhou.yunfeng.pingqiao.g01';

/** The lead unit's extensions, pauses and first contact on real Postgres, with a clock of the test's own. */
describe('clock requests on real Postgres', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  const outbox = new OutboxWriter('routing');
  const requests = new ClockRequestsService(outbox);
  let decisions: ExtensionDecisionsService;

  const report = async (): Promise<string> => {
    const event = createEvent('case.reported', randomUUID(), { categoryCode: 'sewage_dumping', gridCode: GRID, channel: 'grid_worker', description: '污水直排河道', reportedAt: new Date().toISOString(), integrationCode: 'grid_app' }, { trace: traceFrom() });
    await dataSource.transaction((manager) => new DispatchService(dataSource, outbox, new Registry(), new DeadlineClocksService()).dispatch(manager, [event]));
    return event.caseId;
  };
  const eventsOf = async (caseId: string, type: string): Promise<EventEnvelope[]> =>
    (await dataSource.query(`SELECT envelope FROM routing.outbox WHERE case_id = $1 AND type = $2 ORDER BY seq`, [caseId, type])).map((r: { envelope: EventEnvelope }) => r.envelope);
  const resolveDue = async (caseId: string): Promise<Date | null> =>
    (await dataSource.query(`SELECT due_at AS "dueAt" FROM routing.case_clocks WHERE case_id = $1 AND unit_code = 'water' AND clock = 'resolve'`, [caseId]))[0].dueAt;
  const breachAt = async (caseId: string, clock = 'resolve'): Promise<Date | null> =>
    (
      await dataSource.query(
        `SELECT t.fire_at AS "fireAt" FROM routing.clock_timers t JOIN routing.case_clocks c ON c.id = t.clock_id WHERE c.case_id = $1 AND c.unit_code = 'water' AND c.clock = $2 AND t.step = 'breach'`,
        [caseId, clock],
      )
    )[0]?.fireAt ?? null;
  const fireAll = async (now: Date) => {
    const timers = new DeadlineTimers(dataSource);
    while ((await timers.fireDue(now, 500)) > 0);
  };
  const ask = (caseId: string, until: Date, at = new Date()) =>
    dataSource.transaction((manager) =>
      requests.extensionRequested(manager, [createEvent('case.extension_requested', caseId, { unitCode: 'water', round: 1, reason: '需等待管材到货', until: until.toISOString() }, { occurredAt: at })]),
    );

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('routing')]);
    dataSource = await migratedDataSource(routingDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    decisions = new ExtensionDecisionsService(dataSource, outbox);
    await dataSource.transaction((manager) => publishDirectory(manager, sampleDirectory()));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  it('grants an extension within the policy by itself, moving the deadline and its timers; a second one goes to the command centre', async () => {
    const caseId = await report();
    const due = (await resolveDue(caseId))!;
    const until = new Date(due.getTime() + 7 * DAY); // a week later: five working days, the same working hour
    await ask(caseId, until);
    expect(await resolveDue(caseId)).toEqual(until);
    expect(await breachAt(caseId)).toEqual(until);
    expect((await eventsOf(caseId, 'case.extension_granted'))[0].payload).toEqual({ unitCode: 'water', round: 1, dueAt: until.toISOString(), decidedBy: 'policy' });

    const further = new Date(until.getTime() + 7 * DAY);
    await ask(caseId, further);
    expect(await resolveDue(caseId)).toEqual(until);
    expect((await eventsOf(caseId, 'case.extension_referred'))[0].payload).toEqual({ unitCode: 'water', round: 1, until: further.toISOString() });
    expect((await decisions.pending()).extensions).toContainEqual(expect.objectContaining({ caseId, state: 'pending', until: further.toISOString() }));

    const granted = await decisions.decide(caseId, 'op_zhang', 'grant', '涉及管网改造');
    expect(granted).toMatchObject({ state: 'granted', decidedBy: 'command_centre', operatorCode: 'op_zhang' });
    expect(await resolveDue(caseId)).toEqual(further);
    expect((await eventsOf(caseId, 'case.extension_granted'))[1].payload).toMatchObject({ dueAt: further.toISOString(), decidedBy: 'command_centre' });
    expect(await decisions.decide(caseId, 'op_zhang', 'grant', '涉及管网改造')).toEqual(granted); // a retry
    await expect(decisions.decide(caseId, 'op_li', 'refuse', '不同意')).rejects.toMatchObject({ status: 409 });
    await expect(decisions.decide(randomUUID(), 'op_li', 'refuse', '不同意')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses an extension asked after the deadline; the command centre refuses one beyond the policy', async () => {
    const caseId = await report();
    const due = (await resolveDue(caseId))!;
    await ask(caseId, new Date(due.getTime() + DAY), new Date(due.getTime() + 1));
    expect((await eventsOf(caseId, 'case.extension_refused'))[0].payload).toMatchObject({ decidedBy: 'policy', reason: expect.stringMatching(/after the deadline/) });
    await ask(caseId, new Date(due.getTime() + 60 * DAY));
    await decisions.decide(caseId, 'op_li', 'refuse', '期限过长');
    expect((await eventsOf(caseId, 'case.extension_refused'))[1].payload).toEqual({ unitCode: 'water', round: 1, decidedBy: 'command_centre', reason: '期限过长' });
    expect(await resolveDue(caseId)).toEqual(due);
  });

  it('a pause stops the clocks and moves the deadline by the time paused; the unit resumes it', async () => {
    const caseId = await report();
    const due = (await resolveDue(caseId))!;
    const from = new Date(due.getTime() - 4 * 3_600_000); // in the working hours of the last day
    await dataSource.transaction((manager) => requests.paused(manager, [createEvent('case.paused', caseId, { unitCode: 'water', round: 1, reason: 'waiting_requester' }, { occurredAt: from })]));
    expect(await resolveDue(caseId)).toBeNull();
    expect(await breachAt(caseId)).toBeNull();
    expect(await breachAt(caseId, 'acknowledge')).not.toBeNull(); // the acknowledge clock runs on
    await fireAll(new Date(from.getTime() + 3 * DAY)); // nothing of the paused clocks fires after the pause began (its bound is 5 working days)
    const breached = (await eventsOf(caseId, 'case.deadline_breached')).map((e) => `${(e.payload as { unitCode: string }).unitCode}:${(e.payload as { clock: string }).clock}`);
    expect(breached).toContain('water:acknowledge');
    expect(breached).not.toContain('water:resolve');

    const to = new Date(from.getTime() + 2 * 3_600_000);
    await dataSource.transaction((manager) => requests.resumed(manager, [createEvent('case.resumed', caseId, { unitCode: 'water', round: 1 }, { occurredAt: to })]));
    const [resumed] = await eventsOf(caseId, 'case.clock_resumed');
    expect(resumed.payload).toMatchObject({ ending: 'resumed', pausedMs: 2 * 3_600_000, dueAt: (await resolveDue(caseId))!.toISOString() });
    expect((await resolveDue(caseId))!.getTime()).toBeGreaterThan(due.getTime()); // two working hours later: the next working day
    expect(await breachAt(caseId)).toEqual(await resolveDue(caseId));
  });

  it('a pause ends by itself at the policy’s bound (5 working days), at the bound and not at the poll', async () => {
    const caseId = await report();
    const from = new Date();
    await dataSource.transaction((manager) => requests.paused(manager, [createEvent('case.paused', caseId, { unitCode: 'water', round: 1, reason: 'waiting_third_party' }, { occurredAt: from })]));
    const [bound] = await dataSource.query(
      `SELECT t.fire_at AS "fireAt" FROM routing.clock_timers t JOIN routing.case_clocks c ON c.id = t.clock_id WHERE c.case_id = $1 AND t.step = 'resume:1'`,
      [caseId],
    );
    expect(bound.fireAt.getTime() - from.getTime()).toBeGreaterThanOrEqual(5 * DAY);
    await fireAll(new Date(bound.fireAt.getTime() + DAY));
    const [ended] = await eventsOf(caseId, 'case.clock_resumed');
    expect(ended.payload).toMatchObject({ ending: 'bound_reached', pausedMs: bound.fireAt.getTime() - from.getTime() });
    expect(await resolveDue(caseId)).not.toBeNull();
  });

  it('the first contact stops its clock at the time it happened', async () => {
    const caseId = await report();
    const contactedAt = new Date(Date.now() - 60_000);
    await dataSource.transaction((manager) =>
      requests.firstContacted(manager, [createEvent('case.first_contacted', caseId, { unitCode: 'water', round: 1, contactedAt: contactedAt.toISOString(), channel: 'phone' })]),
    );
    const [clock] = await dataSource.query(`SELECT stopped_at AS "stoppedAt", stop_reason AS reason FROM routing.case_clocks WHERE case_id = $1 AND clock = 'first_contact'`, [caseId]);
    expect(clock).toEqual({ stoppedAt: contactedAt, reason: 'contacted' });
    expect(await breachAt(caseId, 'first_contact')).toBeNull();
  });

  it('a case on the register (挂账) comes up for review at each review date until it is resolved', async () => {
    const caseId = await report();
    await fireAll(new Date(Date.now() + 40 * DAY)); // past the ladder: on the register
    const [registered] = await eventsOf(caseId, 'case.registered_unresolved');
    const reviewAt = Date.parse((registered.payload as { reviewAt: string }).reviewAt);
    await fireAll(new Date(reviewAt - 1));
    expect(await eventsOf(caseId, 'case.register_review_due')).toEqual([]);
    await fireAll(new Date(reviewAt));
    const [first] = await eventsOf(caseId, 'case.register_review_due');
    expect(first.payload).toMatchObject({ unitCode: 'water', round: 1, review: 1 });
    const next = Date.parse((first.payload as { nextReviewAt: string }).nextReviewAt);
    expect(next - reviewAt).toBeGreaterThanOrEqual(27 * DAY);
    await dataSource.transaction((manager) => new DeadlineClocksService().resolved(manager, [createEvent('case.resolved', caseId, { departmentCode: 'water', resolution: '已封堵' })]));
    await fireAll(new Date(next + DAY));
    expect(await eventsOf(caseId, 'case.register_review_due')).toHaveLength(1);
  });
});
