import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const DASHBOARDS_DIR = join(__dirname, 'dashboards');

export interface DashboardTarget {
  refId: string;
  expr: string;
  datasource?: { type?: string; uid?: string };
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  datasource?: { type?: string; uid?: string } | string;
  targets?: DashboardTarget[];
  panels?: DashboardPanel[];
}

export interface Dashboard {
  file: string;
  json: Record<string, unknown> & { title: string; panels: DashboardPanel[] };
}

/** Every provisioned dashboard file, parsed. */
export function loadDashboards(): Dashboard[] {
  return readdirSync(DASHBOARDS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(readFileSync(join(DASHBOARDS_DIR, file), 'utf8')) }));
}

/** The panels of a dashboard, those inside collapsed rows included. */
export function panelsOf(dashboard: Dashboard): DashboardPanel[] {
  return dashboard.json.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/**
 * What Grafana would send Prometheus for a query: the interval variables replaced by a
 * duration that covers a test's short history, and the template variables (used in regex
 * matchers only) by their "All" value.
 */
export function concreteQuery(expr: string): string {
  return expr.replace(/\$__rate_interval|\$__interval|\$__range/g, '1m').replace(/\$\{?\w+\}?/g, '.*');
}

/** Every query of every panel of every dashboard, named "dashboard / panel / refId" for the proof's report. */
export function panelQueries(): { name: string; expr: string }[] {
  return loadDashboards().flatMap((dashboard) =>
    panelsOf(dashboard).flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({ name: `${dashboard.json.title} / ${panel.title} / ${target.refId}`, expr: concreteQuery(target.expr) })),
    ),
  );
}
