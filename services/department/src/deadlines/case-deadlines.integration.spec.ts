import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { serviceDatabase } from '@gridwhistle/persistence';
import { Problem } from '@gridwhistle/platform';
import { IsolatedEnvironment, createIsolatedEnvironment, migratedDataSource } from '@gridwhistle/testing';
import { deskServices } from '../department.testing';
import { departmentDatabase } from '../database/department.database';
import { DepartmentCasesService } from '../cases/department-cases.service';
import { ListCasesQueryDto } from '../cases/case-actions.dto';
import { CaseDeadlinesService } from './case-deadlines.service';
import { DeadlineNewsService } from './deadline-news.service';
import { DeadlineNews } from './deadline-news';

const HOUR = 3_600_000;

/** A unit's deadlines, its requests on them and routing's news about them, on real Postgres. */
describe('a unit’s deadlines', () => {
  let env: IsolatedEnvironment;
  let dataSource: DataSource;
  let cases: DepartmentCasesService;
  let deadlines: CaseDeadlinesService;
  const news = new DeadlineNewsService();

  beforeAll(async () => {
    env = await createIsolatedEnvironment([serviceDatabase('department')]);
    dataSource = await migratedDataSource(departmentDatabase({ DATABASE_URL: env.databaseUrl }), env.databaseUrl);
    cases = deskServices(dataSource).cases;
    deadlines = new CaseDeadlinesService(dataSource, new OutboxWriter('department'));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await env?.dispose();
  });

  const dispatched = async (lead = 'water', assistants: string[] = []) => {
    const caseId = randomUUID();
    const event = createEvent('case.dispatched', caseId, {
      departmentCode: lead,
      departmentName: lead,
      categoryCode: 'sewage_dumping',
      gridCode: 'kaizhou.yunfeng.pingqiao.g01',
      description: '污水直排河道',
      dueAt: new Date(Date.now() + HOUR).toISOString(),
      assistingUnitCodes: assistants,
      copiedUnitCodes: [],
      gridNotified: false,
      rule: 'catalogue',
      directoryVersion: 1,
      round: 1,
      returnable: true,
    });
    await dataSource.transaction((manager) => cases.receive(manager, [event]));
    return caseId;
  };
  const tell = (...events: EventEnvelope[]) => dataSource.transaction((manager) => news.record(manager, events as DeadlineNews[]));
  const sent = async (caseId: string): Promise<EventEnvelope[]> =>
    (await dataSource.query(`SELECT envelope FROM department.outbox WHERE case_id = $1 ORDER BY seq`, [caseId])).map((r: { envelope: EventEnvelope }) => r.envelope);
  const list = (unit: string, query: Partial<ListCasesQueryDto>) => cases.list(unit, Object.assign(new ListCasesQueryDto(), query));
  const refusal = (action: Promise<unknown>) =>
    action.then(
      () => undefined,
      (error: Problem) => ({ status: error.getStatus(), ...(error.getResponse() as object) }),
    );

  it('shows the ladder as routing climbs it, and lists the case as overdue', async () => {
    const caseId = await dispatched();
    const due = new Date(Date.now() - HOUR).toISOString();
    const later = new Date(Date.now() + 24 * HOUR).toISOString();
    expect((await cases.get('water', caseId)).deadlines).toMatchObject({ overdue: false, supervision: null, breached: [] });
    expect((await list('water', { overdue: true })).cases.map((c) => c.id)).not.toContain(caseId);

    await tell(
      createEvent('case.deadline_warning', caseId, { clock: 'resolve', unitCode: 'water', round: 1, dueAt: due, fraction: 0.5 }),
      createEvent('case.deadline_breached', caseId, { clock: 'resolve', unitCode: 'water', round: 1, dueAt: due }),
      createEvent('case.supervised', caseId, { level: 'reminder', unitCode: 'water', round: 1, dueAt: later }),
    );
    await tell(createEvent('case.supervised', caseId, { level: 'street', unitCode: 'water', round: 1, dueAt: later, supervisorCode: 'yunfeng_street' }));
    const view = await cases.get('water', caseId);
    expect(view.deadlines).toMatchObject({
      overdue: true,
      breached: ['resolve'],
      due: { resolve: due },
      supervision: { level: 'street', dueAt: later, supervisorCode: 'yunfeng_street' },
    });
    expect((await list('water', { overdue: true })).cases.map((c) => c.id)).toContain(caseId);
    expect((await list('water', { overdue: false })).cases.map((c) => c.id)).not.toContain(caseId);

    const reviewAt = new Date(Date.now() + 30 * 24 * HOUR).toISOString();
    await tell(createEvent('case.registered_unresolved', caseId, { unitCode: 'water', round: 1, reviewAt }));
    expect((await cases.get('water', caseId)).deadlines).toMatchObject({ reviewAt, registeredAt: expect.any(String) });
  });

  it('lists the cases due before a time by their next deadline', async () => {
    const soon = await dispatched();
    const acknowledged = await dispatched();
    await cases.acknowledge('water', acknowledged); // its acknowledge deadline no longer counts
    const inTwoHours = new Date(Date.now() + 2 * HOUR).toISOString();
    const ids = (await list('water', { dueBefore: inTwoHours, limit: 200 })).cases.map((c) => c.id);
    expect(ids).toContain(soon);
    expect(ids).not.toContain(acknowledged);
    expect((await cases.get('water', soon)).deadlines!.nextDueAt).not.toBeNull();
  });

  it('asks for an extension once at a time and shows routing’s decision', async () => {
    const caseId = await dispatched();
    const until = new Date(Date.now() + 72 * HOUR).toISOString();
    expect(await deadlines.requestExtension('water', caseId, { reason: '需等待管材到货', until })).toMatchObject({ extension: { state: 'requested', until } });
    expect(await deadlines.requestExtension('water', caseId, { reason: '需等待管材到货', until })).toMatchObject({ extension: { state: 'requested' } }); // a retry
    expect(await refusal(deadlines.requestExtension('water', caseId, { reason: '另一个理由', until }))).toMatchObject({ status: 409 });
    expect(await refusal(deadlines.requestExtension('water', await dispatched(), { reason: 'x', until: new Date(Date.now() - HOUR).toISOString() }))).toMatchObject({ status: 400, errors: [{ field: 'until', message: 'until must be in the future' }] });
    expect((await sent(caseId)).map((e) => [e.type, e.payload])).toEqual([['case.extension_requested', { unitCode: 'water', round: 1, reason: '需等待管材到货', until }]]);

    await tell(createEvent('case.extension_granted', caseId, { unitCode: 'water', round: 1, dueAt: until, decidedBy: 'policy' }));
    expect(await deadlines.get('water', caseId)).toMatchObject({ extension: { state: 'granted' }, due: { resolve: until }, overdue: false });
  });

  it('pauses and resumes the clocks with the time paused visible; a pause routing ends at its bound ends here too', async () => {
    const caseId = await dispatched();
    const paused = await deadlines.pause('water', caseId, { reason: 'waiting_requester', note: '居民约定周六上门' });
    expect(paused.pause).toMatchObject({ reason: 'waiting_requester', note: '居民约定周六上门' });
    expect(await refusal(deadlines.pause('water', caseId, { reason: 'waiting_third_party' }))).toMatchObject({ status: 409 });
    const resumed = await deadlines.resume('water', caseId);
    expect(resumed.pause).toBeNull();
    expect(resumed.pausedMs).toBeGreaterThanOrEqual(0);
    expect((await sent(caseId)).map((e) => e.type)).toEqual(['case.paused', 'case.resumed']);
    expect((await sent(caseId))[0].payload).toEqual({ unitCode: 'water', round: 1, reason: 'waiting_requester' }); // the note stays here

    await deadlines.pause('water', caseId, { reason: 'waiting_third_party' });
    await tell(createEvent('case.clock_resumed', caseId, { unitCode: 'water', round: 1, ending: 'bound_reached', pausedMs: 5 * 24 * HOUR }));
    const bounded = await deadlines.get('water', caseId);
    expect(bounded.pause).toBeNull();
    expect(bounded.pausedMs).toBeGreaterThanOrEqual(5 * 24 * HOUR);
  });

  it('records the first contact once, by the lead only', async () => {
    const caseId = await dispatched('water', ['ecology']);
    const at = new Date().toISOString();
    expect(await refusal(deadlines.firstContact('ecology', caseId, { at, channel: 'phone' }))).toMatchObject({ status: 409, role: 'assistant' });
    expect(await refusal(deadlines.firstContact('planning', caseId, { at, channel: 'phone' }))).toMatchObject({ status: 404 });
    expect(await refusal(deadlines.firstContact('water', caseId, { at: new Date(Date.now() + 24 * HOUR).toISOString(), channel: 'phone' }))).toMatchObject({ status: 400 });
    expect(await deadlines.firstContact('water', caseId, { at, channel: 'visit', note: '已到场' })).toMatchObject({ firstContactAt: at });
    expect(await deadlines.firstContact('water', caseId, { at, channel: 'visit' })).toMatchObject({ firstContactAt: at }); // a retry
    expect((await sent(caseId)).map((e) => e.payload)).toEqual([{ unitCode: 'water', round: 1, contactedAt: at, channel: 'visit' }]);
  });
});
