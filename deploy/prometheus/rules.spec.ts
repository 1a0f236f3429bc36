import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { RULES_DIR, RULES_FILE, metricNames } from './test-prometheus';

const promtool = (...args: string[]) => execFileSync('/usr/bin/promtool', args, { cwd: RULES_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the alerting rules', () => {
  it('pass promtool check rules', () => {
    expect(promtool('check', 'rules', RULES_FILE)).toMatch(/SUCCESS: 5 rules found/);
  });

  it('pass their promtool unit tests: each alert fires when it should, and not before', () => {
    expect(promtool('test', 'rules', join(RULES_DIR, 'gridwhistle.test.yml'))).toMatch(/SUCCESS/);
  });

  it('each have a unit test', () => {
    const alerts = parse(readFileSync(RULES_FILE, 'utf8')).groups.flatMap((g: { rules: { alert: string }[] }) => g.rules.map((r) => r.alert));
    const tested = parse(readFileSync(join(RULES_DIR, 'gridwhistle.test.yml'), 'utf8')).tests.flatMap((t: { alert_rule_test: { alertname: string }[] }) =>
      t.alert_rule_test.map((a) => a.alertname),
    );
    expect(new Set(tested)).toEqual(new Set(alerts));
  });

  it('promtool refuses a rule whose expression does not parse (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const broken = join(dir, 'broken.yml');
    writeFileSync(broken, 'groups:\n  - name: broken\n    rules:\n      - alert: Broken\n        expr: sum by (( up\n');
    try {
      expect(() => promtool('check', 'rules', broken)).toThrow(/parse error/);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('metricNames', () => {
  it('finds the metrics of an expression, not its labels, functions or keywords', () => {
    expect(
      metricNames(
        'sum by (grid) (gridwhistle_grid_open_cases{status!="closed"}) * on (grid) group_left (latitude, longitude) max by (grid, latitude, longitude) (rate(gridwhistle_grid_info[1m])) > 0 and up == 0',
      ),
    ).toEqual(['gridwhistle_grid_open_cases', 'gridwhistle_grid_info', 'up']);
  });
});
