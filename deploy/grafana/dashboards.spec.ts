import { Dashboard, DashboardPanel, loadDashboards, panelsOf } from './dashboards';

/** The Grafana of docker-compose.yml (11.6) writes and expects dashboards of this schema version. */
const SCHEMA_VERSION = 41;
/** Core panel types of Grafana 11 used here; an unknown type renders as an error. */
const PANEL_TYPES = ['timeseries', 'barchart', 'bargauge', 'stat', 'gauge', 'table', 'geomap', 'text', 'row'];
const GRID_COLUMNS = 24;

/**
 * Checks each dashboard against the classic JSON model of the schema version it declares, as
 * Grafana's documentation and migrations describe it: the required dashboard fields; panels with
 * a unique id, a known type and a gridPos on the 24-column grid, not overlapping; since schema
 * 36 data sources as references ({ type, uid }) rather than names; since 41 no
 * timepicker.time_options; every query a Prometheus target with a refId unique in its panel.
 */
function problemsOf(dashboard: Dashboard): string[] {
  const { json } = dashboard;
  const problems: string[] = [];
  const expect = (ok: unknown, problem: string) => ok || problems.push(problem);
  expect(json.schemaVersion === SCHEMA_VERSION, `schemaVersion is ${json.schemaVersion}, not ${SCHEMA_VERSION}`);
  expect(typeof json.title === 'string' && json.title.length > 0, 'no title');
  expect(typeof json.uid === 'string' && /^[a-zA-Z0-9_-]{1,40}$/.test(json.uid as string), 'uid missing or longer than 40 characters');
  const time = json.time as { from?: unknown; to?: unknown } | undefined;
  expect(typeof time?.from === 'string' && typeof time?.to === 'string', 'time needs from and to');
  expect(Array.isArray((json.templating as { list?: unknown })?.list), 'templating.list missing');
  expect(Array.isArray((json.annotations as { list?: unknown })?.list), 'annotations.list missing');
  expect(typeof json.refresh === 'string', 'refresh must be a string');
  expect(!(json.timepicker as Record<string, unknown> | undefined)?.time_options, 'timepicker.time_options was removed in schema 41');
  expect(Array.isArray(json.panels) && json.panels.length > 0, 'no panels');

  const panels = panelsOf(dashboard);
  const ids = panels.map((panel) => panel.id);
  expect(new Set(ids).size === ids.length && ids.every(Number.isInteger), 'panel ids must be unique integers');
  for (const panel of panels) problems.push(...panelProblems(panel).map((problem) => `panel "${panel.title}": ${problem}`));
  for (const [i, a] of json.panels.entries()) {
    for (const b of json.panels.slice(i + 1)) if (overlap(a, b)) problems.push(`panels "${a.title}" and "${b.title}" overlap`);
  }
  for (const variable of (json.templating as { list: { name: string; datasource?: unknown }[] }).list) {
    if (variable.datasource !== undefined) expect(isPrometheusRef(variable.datasource), `variable ${variable.name}: datasource must be { type: 'prometheus', uid: 'prometheus' }`);
  }
  return problems;
}

function panelProblems(panel: DashboardPanel): string[] {
  const problems: string[] = [];
  const expect = (ok: unknown, problem: string) => ok || problems.push(problem);
  expect(PANEL_TYPES.includes(panel.type), `unknown type ${panel.type}`);
  expect(typeof panel.title === 'string' && panel.title.length > 0, 'no title');
  const { x, y, w, h } = panel.gridPos ?? {};
  expect([x, y, w, h].every(Number.isInteger) && x >= 0 && y >= 0 && w >= 1 && h >= 1 && x + w <= GRID_COLUMNS, `gridPos ${JSON.stringify(panel.gridPos)} is off the grid`);
  if (panel.type === 'row' || panel.type === 'text') return problems;
  expect(isPrometheusRef(panel.datasource), 'datasource must be { type: "prometheus", uid: "prometheus" }');
  const targets = panel.targets ?? [];
  expect(targets.length > 0, 'no targets');
  expect(new Set(targets.map((t) => t.refId)).size === targets.length, 'refIds must be unique');
  for (const target of targets) {
    expect(typeof target.refId === 'string' && target.refId.length > 0, 'a target without refId');
    expect(typeof target.expr === 'string' && target.expr.trim().length > 0, `target ${target.refId}: no expr`);
    expect(target.datasource === undefined || isPrometheusRef(target.datasource), `target ${target.refId}: datasource must be the prometheus reference`);
  }
  return problems;
}

const isPrometheusRef = (ref: unknown) =>
  typeof ref === 'object' && ref !== null && (ref as { type?: unknown }).type === 'prometheus' && (ref as { uid?: unknown }).uid === 'prometheus';

const overlap = (a: DashboardPanel, b: DashboardPanel) =>
  a.gridPos.x < b.gridPos.x + b.gridPos.w && b.gridPos.x < a.gridPos.x + a.gridPos.w && a.gridPos.y < b.gridPos.y + b.gridPos.h && b.gridPos.y < a.gridPos.y + a.gridPos.h;

describe('the provisioned Grafana dashboards', () => {
  const dashboards = loadDashboards();

  it('are the three the operators watch, each with its own uid', () => {
    expect(dashboards.map((d) => d.json.title).sort()).toEqual(['Case flow', 'Pipeline health', 'Unit league']);
    expect(new Set(dashboards.map((d) => d.json.uid)).size).toBe(dashboards.length);
  });

  it.each(loadDashboards().map((d) => [d.file, d] as const))('%s fits the JSON model of the schema version it declares', (_, dashboard) => {
    expect(problemsOf(dashboard)).toEqual([]);
  });

  it('tells a broken dashboard apart', () => {
    const [good] = dashboards;
    const broken: Dashboard = JSON.parse(JSON.stringify(good));
    const [first, second] = broken.json.panels;
    Object.assign(broken.json, { schemaVersion: 36, timepicker: { time_options: ['5m'] } });
    Object.assign(first, { datasource: 'Prometheus', gridPos: { ...second.gridPos, w: 30 } });
    first.targets = [{ refId: 'A', expr: '' }, { refId: 'A', expr: 'up' }];
    expect(problemsOf(broken)).toEqual(
      expect.arrayContaining([
        'schemaVersion is 36, not 41',
        'timepicker.time_options was removed in schema 41',
        expect.stringMatching(/datasource must be/),
        expect.stringMatching(/is off the grid/),
        expect.stringMatching(/refIds must be unique/),
        expect.stringMatching(/target A: no expr/),
        expect.stringMatching(/overlap/),
      ]),
    );
  });

  it('has a Geomap panel of open cases whose markers take their coordinates from the query', () => {
    const geomap = dashboards.flatMap(panelsOf).find((panel) => panel.type === 'geomap') as DashboardPanel & { options: { layers: { location: unknown }[] } };
    expect(geomap.targets?.[0].expr).toMatch(/gridwhistle_grid_open_cases.*group_left \(latitude, longitude\).*gridwhistle_grid_info/);
    expect(geomap.options.layers[0].location).toEqual({ mode: 'coords', latitude: 'latitude', longitude: 'longitude' });
  });
});
