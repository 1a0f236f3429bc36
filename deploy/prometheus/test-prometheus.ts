import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@gridwhistle/testing';
import { freePort } from '../system/services';

export const RULES_DIR = join(__dirname, 'rules');
export const RULES_FILE = join(RULES_DIR, 'gridwhistle.yml');

export interface QueryAnswer {
  status: 'success' | 'error';
  error?: string;
  data?: { resultType: string; result: unknown[] };
}

/**
 * Debian's Prometheus for a test: its own config, storage and port, scraping the given
 * targets every second and evaluating the alert rules every second; stop() removes it all.
 */
export class TestPrometheus {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
    private readonly output: string[],
  ) {}

  static async start(targets: string[], ruleFiles: string[]): Promise<TestPrometheus> {
    const dir = mkdtempSync(join(tmpdir(), 'gridwhistle-prometheus-'));
    const config = {
      global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
      rule_files: ruleFiles,
      scrape_configs: [{ job_name: 'gridwhistle', metrics_path: '/metrics', static_configs: [{ targets }] }],
    };
    writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config)); // JSON is YAML
    const url = `http://127.0.0.1:${await freePort()}`;
    const output: string[] = [];
    const child = spawn(
      '/usr/bin/prometheus',
      [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=${new URL(url).host}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const prometheus = new TestPrometheus(child, dir, url, output);
    try {
      await eventually(async () => expect((await fetch(`${url}/-/ready`)).status).toBe(200), 30_000, 200);
    } catch (error) {
      await prometheus.stop();
      throw new Error(`Prometheus did not get ready: ${output.join('').slice(-2000)}`, { cause: error });
    }
    return prometheus;
  }

  /** An instant query through the HTTP API, as Grafana's Prometheus data source sends it. */
  async query(expr: string): Promise<QueryAnswer> {
    const response = await fetch(`${this.url}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: expr }) });
    return (await response.json()) as QueryAnswer;
  }

  /** The series of a metric name that Prometheus holds. */
  async series(name: string): Promise<unknown[]> {
    const response = await fetch(`${this.url}/api/v1/series?${new URLSearchParams({ 'match[]': name, start: String(Date.now() / 1000 - 600) })}`);
    return ((await response.json()) as { data: unknown[] }).data;
  }

  async get<T>(path: string): Promise<T> {
    return ((await (await fetch(`${this.url}${path}`)).json()) as { data: T }).data;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names a PromQL expression reads: no strings, matchers, ranges, functions or keywords. */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"[^"]*"/g, '')
    .replace(/\{[^}]*\}|\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ');
  const names = [...bare.matchAll(/\b([a-zA-Z_:][\w:]*)\b(?!\s*\()/g)].map((m) => m[1]).filter((word) => !PROMQL_WORDS.has(word.toLowerCase()));
  return [...new Set(names)];
}
