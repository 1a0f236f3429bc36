import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from '../running-system';
import { loadSampleCity } from '../setup';
import { DEMO_DEFAULTS, DemoStats, runDemo } from './demo.loop';
import { parseDemoOptions } from './demo.main';

describe('npm run demo', () => {
  let system: RunningSystem;
  let stats: DemoStats;
  const lines: string[] = [];

  beforeAll(async () => {
    system = await RunningSystem.start();
    // A few seconds of traffic at a quick pace; half the acknowledgements late, so that some surely are.
    const options = { ...DEMO_DEFAULTS, rate: 5, durationS: 4, lateShare: 0.5, lateAfterS: 3, pace: 0.15, pollMs: 300, progressS: 600 };
    stats = await runDemo({ urls: system.urls, credentials: system.credentials, directory: loadSampleCity().directory }, options, (line) => lines.push(line));
  }, 180_000);
  afterAll(() => system?.stop());

  it('takes every case it reports around the loop through the public APIs: acknowledged (some late), resolved, graded', async () => {
    expect({ failures: stats.failures, lines }).toEqual({ failures: 0, lines: [] });
    expect(stats.reported).toBeGreaterThanOrEqual(15);
    expect(await system.count('SELECT count(*)::int AS n FROM intake.cases')).toBe(stats.reported);
    // Assisting units acknowledge too; only the lead resolves.
    expect(stats.acknowledged).toBeGreaterThanOrEqual(stats.reported);
    expect(stats.acknowledgedLate).toBeGreaterThan(0);
    expect(stats.resolved).toBe(stats.reported);
    const graded = Object.values(stats.graded).reduce((sum, n) => sum + n, 0);
    expect(graded).toBe(stats.reported);

    // A satisfied resident closes the case everywhere; the public timeline shows the whole loop.
    const closing = (stats.graded.satisfied ?? 0) + (stats.graded.basically_satisfied ?? 0);
    expect(closing).toBeGreaterThan(0);
    await eventually(async () => expect(await system.count(`SELECT count(*)::int AS n FROM intake.cases WHERE status = 'closed'`)).toBe(closing));
    const { id } = (await system.db.query(`SELECT id FROM intake.cases WHERE status = 'closed' LIMIT 1`)).rows[0];
    const view = await system.call('intake', `/v1/cases/${id}`);
    expect(view.body.timeline.map((entry: { event: string }) => entry.event)).toEqual(expect.arrayContaining(['reported', 'dispatched', 'acknowledged', 'resolved', 'graded', 'closed']));
  });

  it('reports across channels, categories and grids of the sample city', async () => {
    const distinct = (column: string) => system.count(`SELECT count(DISTINCT ${column})::int AS n FROM intake.cases`);
    expect(await distinct('channel')).toBeGreaterThanOrEqual(2);
    expect(await distinct('category_code')).toBeGreaterThanOrEqual(5);
    expect(await distinct('grid_code')).toBeGreaterThanOrEqual(5);
  });

  it('reads its flags, and refuses what is no rate or duration', () => {
    expect(parseDemoOptions(['--rate', '10', '--duration=30', '--late-share', '0.2'])).toMatchObject({ rate: 10, durationS: 30, lateShare: 0.2, lateAfterS: 60 });
    expect(() => parseDemoOptions(['--rate', 'fast'])).toThrow(/--rate needs a number/);
    expect(() => parseDemoOptions(['--duration', '0'])).toThrow(/must be more than 0/);
    expect(() => parseDemoOptions(['--late-share', '2'])).toThrow(/share of cases/);
    expect(() => parseDemoOptions(['--speed', '2'])).toThrow(/Unknown option/);
  });
});
