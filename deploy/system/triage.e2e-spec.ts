import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';
import { DirectoryFile, loadSampleCity } from './setup';

const CASES = 3;

/** The sample city's directory as version `version`, changed by `change`. */
function directory(version: number, change: (directory: DirectoryFile) => void): DirectoryFile {
  const { directory } = loadSampleCity();
  change(directory);
  return { ...directory, version };
}

/**
 * A case no catalogue entry routes waits for triage where people see it (the public status,
 * the timeline, routing's /metrics) instead of staying `reported` for good; once a newer
 * directory version routes it, the case is dispatched exactly once, with two routing
 * instances sweeping side by side; the other services learn the new version's categories.
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

  it('holds cases for triage until a newer directory version routes them, then dispatches each once', async () => {
    // A version whose catalogue lost an entry, as when a responsibility list changes.
    await system.publishDirectory(directory(3, (d) => (d.catalogue = d.catalogue.filter((entry) => entry.category !== 'elderly_alone'))));

    const gridApp = system.apiKey('integrations', 'grid_app');
    const ids: string[] = [];
    for (let n = 1; n <= CASES; n++) {
      const reported = await call('intake', '/v1/cases', {
        apiKey: gridApp,
        body: { category: 'elderly_alone', description: `独居老人${n}号多日未出门`, location: { gridCode: 'kaizhou.hanfeng.ankang.g02' }, channel: 'grid', gridWorkerId: 'GW-0007' },
      });
      expect(reported.status).toBe(201);
      ids.push(reported.body.id);
    }

    const community = system.apiKey('departments', 'ankang_community');
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
      expect((await call('department', `/v1/cases/${id}`, { apiKey: community })).status).toBe(404);
    }
    expect(await awaitingTriageGauge()).toBe(CASES);

    // Version 3 routes them again (a small matter the community handles itself, with civil
    // affairs assisting) and adds a category: both routing instances sweep the waiting cases.
    const strayDogs = { code: 'stray_dogs', name: '流浪犬只', class: 'event', group: 'other', requestKind: 'help', severity: 'ordinary', deadlinePolicy: 'one_working_day' };
    const entry = { id: 'D900', category: 'stray_dogs', lead: { unit: 'police' }, assisting: [], basis: '《重庆市养犬管理暂行办法》第五条' };
    await system.publishDirectory(
      directory(4, (d) => {
        d.categories.push(strayDogs);
        d.catalogue.push(entry);
      }),
    );
    for (const id of ids) {
      await eventually(async () => expect((await call('department', `/v1/cases/${id}`, { apiKey: community })).status).toBe(200));
      const view = await eventually(async () => {
        const answer = await call('intake', `/v1/cases/${id}`);
        expect(answer.body.status).toBe('dispatched');
        return answer.body;
      });
      expect(view.timeline.map((entry: { event: string }) => entry.event)).toEqual(['reported', 'triage_required', 'dispatched']);
      expect(view.timeline[2]).toMatchObject({ department: '安康社区居民委员会' });
    }
    expect(await awaitingTriageGauge()).toBe(0);
    const dispatches = await system.count(
      `SELECT count(*)::int AS n FROM routing.outbox WHERE type = 'case.dispatched' AND case_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(dispatches).toBe(CASES);

    // The command centre reads why: held by version 3, dispatched by version 4 (the sample city's is 2), in words and codes.
    const explained = await call('routing', `/v1/cases/${ids[0]}/routing`, { apiKey: system.apiKey('operators', 'command_centre') });
    expect(explained.status).toBe(200);
    expect(explained.body.history.map((step: { rule: string; directoryVersion: number }) => [step.rule, step.directoryVersion])).toEqual([
      ['no_catalogue_entry', 3],
      ['community_own', 4],
    ]);
    expect(explained.body.history[1]).toMatchObject({
      outcome: 'dispatched',
      lead: { code: 'ankang_community', kind: 'community' },
      assistants: [{ code: 'civil_affairs', name: '区民政局', kind: 'department' }],
      explanation: expect.stringMatching(/^「独居老人关爱」（elderly_alone）是社区自治事项.*安康社区居民委员会（ankang_community）办理/),
    });
    expect((await call('routing', `/v1/cases/${ids[0]}/routing`)).status).toBe(401);
    expect((await call('routing', `/v1/cases/${ids[0]}/routing`, { apiKey: system.apiKey('departments', 'ankang_community') })).status).toBe(401);

    // Intake learned the new category from routing's announcement, and the case travels with it.
    const stray = await eventually(async () => {
      const answer = await call('intake', '/v1/cases', {
        apiKey: gridApp,
        body: { category: 'stray_dogs', description: '小区流浪犬伤人', location: { gridCode: 'kaizhou.hanfeng.ankang.g02' }, channel: 'grid', gridWorkerId: 'GW-0007' },
      });
      expect(answer.status).toBe(201);
      return answer.body;
    });
    await eventually(async () => expect((await call('department', `/v1/cases/${stray.id}`, { apiKey: system.apiKey('departments', 'police') })).status).toBe(200));
  });
});
