import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { eventually } from '@gridwhistle/testing';
import { panelQueries } from '../grafana/dashboards';
import { RunningSystem } from '../system/running-system';
import { loadSampleCity } from '../system/setup';
import { DEMO_DEFAULTS, runDemo } from '../system/demo/demo.loop';
import { RULES_FILE, TestPrometheus, metricNames } from './test-prometheus';

interface Rule {
  alert: string;
  expr: string;
}
const RULES: Rule[] = parse(readFileSync(RULES_FILE, 'utf8')).groups.flatMap((group: { rules: Rule[] }) => group.rules);

/**
 * The proof that every panel and every alert stands on metrics the services export: the system
 * runs, a real Prometheus scrapes it every second while demo traffic flows, and then every
 * query of every dashboard and every alert expression is evaluated through Prometheus' API.
 */
describe('dashboards and alerts on a real Prometheus', () => {
  let system: RunningSystem;
  let prometheus: TestPrometheus;

  beforeAll(async () => {
    system = await RunningSystem.start();
    prometheus = await TestPrometheus.start(Object.values(system.urls).map((url) => new URL(url).host), [RULES_FILE]);
    // Late acknowledgements and grading included, so that every step of the loop has happened.
    const options = { ...DEMO_DEFAULTS, rate: 5, durationS: 4, lateShare: 0.5, lateAfterS: 3, pace: 0.15, pollMs: 300, progressS: 600 };
    const stats = await runDemo({ urls: system.urls, credentials: system.credentials, directory: loadSampleCity().directory }, options, () => undefined);
    expect(stats.failures).toBe(0);
  }, 240_000);
  afterAll(async () => {
    await prometheus?.stop();
    await system?.stop();
  });

  it('scrapes all four services', async () => {
    const up = await eventually(async () => {
      const answer = await prometheus.query('up == 1');
      expect(answer.data?.result).toHaveLength(4);
      return answer;
    });
    expect(up.status).toBe('success');
  });

  it('has data for every query of every panel of every dashboard', async () => {
    const queries = panelQueries();
    expect(queries.length).toBeGreaterThanOrEqual(30);
    const empty = async () => {
      const answers = await Promise.all(queries.map(async (query) => ({ ...query, answer: await prometheus.query(query.expr) })));
      return answers.filter(({ answer }) => answer.status !== 'success' || (answer.data?.result.length ?? 0) === 0);
    };
    // Stage timings and per-unit counters appear as the loop goes round: wait until all are in.
    const missing = await eventually(async () => {
      const left = await empty();
      expect(left.map(({ name }) => name)).toEqual([]);
      return left;
    }, 90_000, 1000).catch(async () => {
      const left = await empty();
      const unknown = async (expr: string) => (await Promise.all(metricNames(expr).map(async (name) => ((await prometheus.series(name)).length ? [] : [name])))).flat();
      return Promise.all(left.map(async ({ name, expr, answer }) => ({ name, expr, error: answer.error, metricsNobodyExports: await unknown(expr) })));
    });
    expect(missing).toEqual([]);
  }, 120_000);

  it('evaluates every alert rule: valid, loaded without errors, on series that exist', async () => {
    for (const rule of RULES) {
      const answer = await prometheus.query(rule.expr);
      expect({ alert: rule.alert, status: answer.status, error: answer.error }).toEqual({ alert: rule.alert, status: 'success', error: undefined });
      for (const name of metricNames(rule.expr)) {
        expect({ alert: rule.alert, metric: name, exported: (await prometheus.series(name)).length > 0 }).toEqual({ alert: rule.alert, metric: name, exported: true });
      }
    }
    const groups = await eventually(async () => {
      const { groups } = await prometheus.get<{ groups: { rules: { name: string; health: string; lastError?: string }[] }[] }>('/api/v1/rules');
      const rules = groups.flatMap((group) => group.rules);
      expect(rules.map(({ name, health, lastError }) => ({ name, health, lastError: lastError || undefined }))).toEqual(
        RULES.map((rule) => ({ name: rule.alert, health: 'ok', lastError: undefined })),
      );
      return groups;
    });
    expect(groups).toHaveLength(1);
  });
});
