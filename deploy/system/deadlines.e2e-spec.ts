import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';
import { DirectoryFile, loadSampleCity } from './setup';

const MINUTE = 60_000;
const minutes = (value: number) => ({ unit: 'minutes', value });

/**
 * The sample city with a policy of one-minute clocks for missing manhole covers, and a ladder
 * whose reminder lasts a minute: a case left alone is breached and chased within minutes.
 */
function shortDeadlines(): DirectoryFile {
  const { directory } = loadSampleCity();
  const d = directory as DirectoryFile & { deadlinePolicies: { code: string; clocks: unknown }[]; categories: { code: string; deadlinePolicy: string }[]; supervision: { ladder: unknown } };
  const template = d.deadlinePolicies.find((p) => p.code === 'two_hours')!;
  d.deadlinePolicies.push({ ...template, code: 'one_minute', name: '一分钟 (测试)', clocks: { acknowledge: minutes(1), firstContact: minutes(1), resolve: minutes(1), callback: minutes(60) } } as never);
  d.categories.find((c) => c.code === 'manhole_cover')!.deadlinePolicy = 'one_minute';
  d.supervision.ladder = { reminder: minutes(1), street: minutes(60), district: minutes(60) };
  // A version after the sample city's own, whatever its number.
  return { ...d, version: d.version + 1 };
}

/**
 * Deadlines and supervision (督办) through the HTTP APIs, the services running from the build
 * on real Kafka and Postgres: a case left unacknowledged climbs the ladder, visible to its
 * department and to the public; an extension within the policy is granted by itself; a pause
 * stops the clock.
 */
describe('deadlines and supervision, end to end', () => {
  let system: RunningSystem;
  const call: RunningSystem['call'] = (...args) => system.call(...args);

  beforeAll(async () => {
    system = await RunningSystem.start({ serviceEnv: { routing: { DEADLINE_POLL_INTERVAL_MS: '300' } } });
    await system.publishDirectory(shortDeadlines());
  });
  afterAll(() => system?.stop());

  it('chases a late case up the ladder, extends one within the policy and holds a paused one', async () => {
    const hotline = system.apiKey('integrations', 'hotline_12345');
    const urbanManagement = system.apiKey('departments', 'urban_management');
    const report = async (n: number) => {
      const reported = await call('intake', '/v1/cases', {
        apiKey: hotline,
        body: { category: 'manhole_cover', description: `井盖缺失${n}号`, location: { gridCode: 'kaizhou.hanfeng.binhu.g01' }, channel: 'hotline' },
      });
      expect(reported.status).toBe(201);
      return reported.body.id as string;
    };
    const department = (path: string, init: Parameters<RunningSystem['call']>[2] = {}) => call('department', path, { apiKey: urbanManagement, ...init });
    const deadlinesOf = async (id: string) => (await department(`/v1/cases/${id}`)).body.deadlines;
    const publicView = async (id: string) => (await call('intake', `/v1/cases/${id}`)).body;

    // Version 2 of the directory, with its one-minute clocks, is the one routing dispatches by.
    const [late, extended, paused] = await eventually(async () => {
      const ids = [await report(1), await report(2), await report(3)];
      for (const id of ids) await eventually(async () => expect((await department(`/v1/cases/${id}`)).status).toBe(200));
      const { history } = (await call('routing', `/v1/cases/${ids[0]}/routing`, { apiKey: system.apiKey('operators', 'command_centre') })).body;
      expect(history.at(-1).directoryVersion).toBe(loadSampleCity().directory.version + 1);
      return ids;
    }, 30_000);
    const reportedAt = Date.now();

    // The lead of the second case acknowledges it and reaches the resident (首次联系) within their minute.
    expect((await department(`/v1/cases/${extended}/acknowledge`, { method: 'POST' })).status).toBe(200);
    const contacted = await department(`/v1/cases/${extended}/first-contact`, { body: { at: new Date().toISOString(), channel: 'phone', note: '已电话联系报告人' } });
    expect(contacted.status).toBe(200);
    expect(contacted.body.firstContactAt).toEqual(expect.any(String));
    // Within the policy (once, at most ten working days), an extension is granted by itself.
    const until = new Date(Date.now() + 24 * 60 * MINUTE).toISOString();
    const asked = await department(`/v1/cases/${extended}/extension`, { body: { reason: '需更换整套井座，等待材料', until } });
    expect(asked.status).toBe(200);
    expect(asked.body.extension).toMatchObject({ state: 'requested', until });
    // The lead waits on the resident: its resolve clock stands still.
    const pause = await department(`/v1/cases/${paused}/pause`, { body: { reason: 'waiting_requester', note: '居民约定明日到场指认位置' } });
    expect(pause.status).toBe(200);
    expect(pause.body.pause).toMatchObject({ reason: 'waiting_requester' });

    await eventually(async () => expect(await deadlinesOf(extended)).toMatchObject({ extension: { state: 'granted' }, due: { resolve: until } }));
    await eventually(async () => expect((await publicView(extended)).timeline.map((e: { event: string }) => e.event)).toContain('extension_granted'));

    // Unacknowledged past its minute: a reminder (催办), then the street supervises (督办).
    const chased = await eventually(
      async () => {
        const deadlines = await deadlinesOf(late);
        expect(deadlines.supervision).toMatchObject({ level: 'street', supervisorCode: expect.any(String) });
        return deadlines;
      },
      4 * MINUTE,
      1_000,
    );
    expect(chased).toMatchObject({ overdue: true, breached: expect.arrayContaining(['acknowledge', 'resolve']) });
    const overdue = await department('/v1/cases?overdue=true&limit=200');
    expect(overdue.status).toBe(200);
    const overdueIds = overdue.body.cases.map((c: { id: string }) => c.id);
    expect(overdueIds).toContain(late);
    expect(overdueIds).not.toContain(extended);
    await eventually(async () => {
      const view = await publicView(late);
      expect(view.supervisionLevel).toBe('street');
      expect(view.timeline.filter((e: { event: string }) => e.event === 'supervised').map((e: { level: string }) => e.level)).toEqual(['reminder', 'street']);
    });

    // The paused case was never breached on its resolve clock, though its minute passed long ago.
    expect(Date.now() - reportedAt).toBeGreaterThan(MINUTE);
    const held = await deadlinesOf(paused);
    expect(held.breached).not.toContain('resolve');
    expect(held.supervision).toBeNull();
    expect((await publicView(paused)).timeline.map((e: { event: string }) => e.event)).toContain('paused');
    const resumed = await department(`/v1/cases/${paused}/resume`, { method: 'POST' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.pausedMs).toBeGreaterThan(MINUTE);
    await eventually(async () => {
      const entry = (await publicView(paused)).timeline.find((e: { event: string }) => e.event === 'clock_resumed');
      expect(entry).toMatchObject({ pausedMinutes: expect.any(Number), dueAt: expect.any(String) });
    });
  }, 8 * MINUTE);
});
