import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';

const CASES = 3;

/**
 * A case whose category has no route waits for triage where people see it (the public status,
 * the timeline, routing's /metrics) instead of staying `reported` for good; once the routing
 * table gains the route, the case is dispatched exactly once, with two routing instances
 * sweeping side by side.
 */
describe('cases without a route, end to end', () => {
  let system: RunningSystem;
  const call: RunningSystem['call'] = (...args) => system.call(...args);
  const awaitingTriageGauge = async () =>
    Number((await call('routing', '/metrics')).text.match(/^gridwhistle_cases_awaiting_triage\{service="routing"\} (\d+)$/m)?.[1]);

  beforeAll(async () => {
    system = await RunningSystem.start({ serviceEnv: { routing: { TRIAGE_SWEEP_INTERVAL_MS: '200' } }, moreInstances: ['routing'] });
  });
  afterAll(() => system?.stop());

  it('holds cases for triage until their category has a route, then dispatches each once', async () => {
    // The routing table loses a row, as when a responsibility list changes (superuser's rights).
    const { rows: removed } = await system.db.query(`DELETE FROM routing.category_routes WHERE category_code = 'elderly_alone' RETURNING *`);
    expect(removed).toHaveLength(1);

    const gridApp = system.apiKey('integrations', 'grid_app');
    const ids: string[] = [];
    for (let n = 1; n <= CASES; n++) {
      const reported = await call('intake', '/v1/cases', {
        apiKey: gridApp,
        body: { category: 'elderly_alone', description: `独居老人${n}号多日未出门`, location: { gridCode: 'kaizhou.hanfeng.ankang.g02' }, channel: 'grid_worker' },
      });
      expect(reported.status).toBe(201);
      ids.push(reported.body.id);
    }

    const civilAffairs = system.apiKey('departments', 'civil_affairs');
    for (const id of ids) {
      const view = await eventually(async () => {
        const answer = await call('intake', `/v1/cases/${id}`);
        expect(answer.body.status).toBe('awaiting_triage');
        return answer.body;
      });
      expect(view.timeline).toEqual([
        expect.objectContaining({ event: 'reported' }),
        expect.objectContaining({ event: 'triage_required', reason: 'no_route' }),
      ]);
      expect((await call('department', `/v1/cases/${id}`, { apiKey: civilAffairs })).status).toBe(404);
    }
    expect(await awaitingTriageGauge()).toBe(CASES);

    // The route comes back: the sweeps of both routing instances find the waiting cases.
    const [route] = removed;
    await system.db.query('INSERT INTO routing.category_routes VALUES ($1, $2, $3, $4)', [
      route.category_code,
      route.department_code,
      route.department_name,
      route.deadline_hours,
    ]);
    for (const id of ids) {
      await eventually(async () => expect((await call('department', `/v1/cases/${id}`, { apiKey: civilAffairs })).status).toBe(200));
      const view = await eventually(async () => {
        const answer = await call('intake', `/v1/cases/${id}`);
        expect(answer.body.status).toBe('dispatched');
        return answer.body;
      });
      expect(view.timeline.map((entry: { event: string }) => entry.event)).toEqual(['reported', 'triage_required', 'dispatched']);
      expect(view.timeline[2]).toMatchObject({ department: '区民政局' });
    }
    expect(await awaitingTriageGauge()).toBe(0);
    const dispatches = await system.count(
      `SELECT count(*)::int AS n FROM routing.outbox WHERE type = 'case.dispatched' AND case_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(dispatches).toBe(CASES);
  });
});
