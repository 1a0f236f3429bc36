import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { dropDatabase } from '@gridwhistle/persistence';
import { deleteTopics } from '@gridwhistle/messaging';
import { ensureInfrastructure } from './infrastructure';
import { AreaNode, SERVICES, ServiceName, generateCredentials, loadSampleCity, rolePasswords, setUpSystem } from './setup';
import { freePort, spawnService, stopService, waitUntilHealthy } from './services';
import { commandCpuMs, cpuTimeAvailable, machineBusyMs, processCpuMs } from './cpu-time';

/**
 * `npm run bench`: end-to-end throughput and routing latency on this machine. Runs the four
 * services from the build in a fresh database and topic namespace, reports BENCH_CASES cases
 * per round over HTTP with BENCH_CONCURRENCY requests in flight, and waits until every case is
 * in its department's list. Prints each round and the median of BENCH_ROUNDS rounds, after
 * BENCH_WARMUP cases that are not measured.
 */
const CASES = Number(process.env.BENCH_CASES ?? 5000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);

interface Round {
  acceptPerSecond: number;
  endToEndPerSecond: number;
  httpP50Ms: number;
  httpP99Ms: number;
  routingP50Ms: number;
  routingP99Ms: number;
  visibleP50Ms: number;
  visibleP99Ms: number;
  /** CPU ms per case, all processes on the machine (services, bench client, Kafka, Postgres). */
  cpuPerCaseMs: number;
}

/** CPU ms per case spent by each of the named processes in one round. */
type CpuShares = Record<string, number>;

async function main(): Promise<void> {
  const infra = await ensureInfrastructure({ useContainers: false, log: (line) => console.log(`[bench] ${line}`) });
  const namespace = `bench${randomBytes(3).toString('hex')}`;
  const url = new URL(infra.databaseUrl);
  url.pathname = `/gw_${namespace}`;
  const databaseUrl = url.toString();
  const kafka = { brokers: infra.kafkaBrokers.split(','), namespace, clientId: 'gridwhistle-bench' };
  const city = loadSampleCity();
  const credentials = generateCredentials(city);
  await setUpSystem({ databaseUrl, kafka, city, credentials, passwords: rolePasswords({}, 'local') });

  const children: ChildProcess[] = [];
  const urls = {} as Record<ServiceName, string>;
  const db = new Client({ connectionString: databaseUrl });
  // node:http with keep-alive costs the client a fraction of fetch's CPU, which is the machine's too.
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    for (const service of SERVICES) {
      const port = await freePort();
      urls[service] = `http://127.0.0.1:${port}`;
      const env = { GRIDWHISTLE_PROFILE: 'local', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, KAFKA_BROKERS: infra.kafkaBrokers, KAFKA_NAMESPACE: namespace, LOG_LEVEL: 'warn' };
      children.push(spawnService(service, env, (line) => console.log(`[${service}] ${line}`)));
    }
    await Promise.all(SERVICES.map((service) => waitUntilHealthy(urls[service])));
    await db.connect();
    const apiKey = credentials.integrations.find((i) => i.code === 'hotline_12345')!.apiKey;
    const grids = gridCodes(city.areas);
    const categories = city.categories.map((c) => c.code);
    let total = 0;
    const report = async (count: number) => {
      const latencies: number[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < count) {
            const i = next++;
            const began = performance.now();
            const answer = await post(agent, `${urls.intake}/v1/cases`, apiKey, {
              category: categories[i % categories.length],
              description: `benchmark case ${i}`,
              location: { gridCode: grids[i % grids.length] },
              reporter: { phone: '13800000000' },
              channel: 'hotline',
            });
            if (answer.status !== 201) throw new Error(`intake answered ${answer.status}: ${answer.body}`);
            latencies.push(performance.now() - began);
          }
        }),
      );
      total += count;
      return latencies;
    };
    const untilAllVisible = async () => {
      for (;;) {
        const { rows } = await db.query('SELECT count(*)::int AS n FROM department.cases');
        if (rows[0].n >= total) return;
        await new Promise((resolve) => setTimeout(resolve, 100)); // each poll scans the table: not too often
      }
    };

    await report(WARMUP); // JIT (Node and the broker's JVM), pools, consumer assignments
    await untilAllVisible();
    const rounds: Round[] = [];
    const cpuOf = (): Record<string, number> => ({
      ...Object.fromEntries(SERVICES.map((service, i) => [service, processCpuMs(children[i].pid!)])),
      'bench client': processCpuMs(process.pid),
      Kafka: commandCpuMs('java'),
      Postgres: commandCpuMs('postgres'),
      machine: machineBusyMs(),
    });
    for (let round = 1; round <= ROUNDS; round++) {
      const since = new Date();
      const cpuBefore = cpuTimeAvailable ? cpuOf() : undefined;
      const began = performance.now();
      const latencies = await report(CASES);
      const accepted = performance.now();
      await untilAllVisible();
      const visible = performance.now();
      const cpuAfter = cpuBefore && cpuOf();
      const cpu: CpuShares = {};
      for (const name of Object.keys(cpuBefore ?? {})) cpu[name] = (cpuAfter![name] - cpuBefore![name]) / CASES;
      const { rows } = await db.query(
        `SELECT
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - c.reported_at)) * 1000 AS routing_p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM d.decided_at - c.reported_at)) * 1000 AS routing_p99,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM k.updated_at - c.reported_at)) * 1000 AS visible_p50,
           percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM k.updated_at - c.reported_at)) * 1000 AS visible_p99
         FROM intake.cases c
         JOIN routing.dispatches d ON d.case_id = c.id
         JOIN department.cases k ON k.case_id = c.id
         WHERE c.reported_at >= $1`,
        [since],
      );
      latencies.sort((a, b) => a - b);
      const result: Round = {
        acceptPerSecond: CASES / ((accepted - began) / 1000),
        endToEndPerSecond: CASES / ((visible - began) / 1000),
        httpP50Ms: percentile(latencies, 0.5),
        httpP99Ms: percentile(latencies, 0.99),
        routingP50Ms: Number(rows[0].routing_p50),
        routingP99Ms: Number(rows[0].routing_p99),
        visibleP50Ms: Number(rows[0].visible_p50),
        visibleP99Ms: Number(rows[0].visible_p99),
        cpuPerCaseMs: cpu.machine ?? NaN,
      };
      rounds.push(result);
      console.log(`[bench] round ${round}: ${format(result)}`);
      if (cpuBefore) console.log(`[bench]   CPU per case: ${formatShares(cpu)}`);
    }
    const median = Object.fromEntries(
      (Object.keys(rounds[0]) as (keyof Round)[]).map((k) => [k, percentile(rounds.map((r) => r[k]).sort((a, b) => a - b), 0.5)]),
    ) as unknown as Round;
    console.log(`[bench] ${CASES} cases × ${ROUNDS} rounds, ${CONCURRENCY} in flight, ${SERVICES.length} services on ${cpus().length} cores`);
    console.log(`[bench] median: ${format(median)}`);
    const batches = await Promise.all(SERVICES.map(async (service) => `${service} ${await meanBatch(urls[service])}`));
    console.log(`[bench] events per consumer transaction (mean over the run): ${batches.join(', ')}`);
  } finally {
    agent.destroy();
    await db.end().catch(() => undefined);
    await Promise.all(children.map((child) => stopService(child)));
    await deleteTopics(kafka).catch(() => undefined);
    await dropDatabase(databaseUrl).catch(() => undefined);
    await infra.stop();
  }
}

function format(r: Round): string {
  const n = (x: number) => x.toFixed(0);
  return (
    `accepted ${n(r.acceptPerSecond)}/s, end to end ${n(r.endToEndPerSecond)} cases/s; ` +
    `POST p50 ${r.httpP50Ms.toFixed(1)} ms p99 ${r.httpP99Ms.toFixed(1)} ms; ` +
    `reported→dispatched p50 ${n(r.routingP50Ms)} ms p99 ${n(r.routingP99Ms)} ms; ` +
    `reported→in department list p50 ${n(r.visibleP50Ms)} ms p99 ${n(r.visibleP99Ms)} ms; ` +
    `CPU ${r.cpuPerCaseMs.toFixed(2)} ms per case`
  );
}

/** "intake 1.20, …, Postgres 0.90, rest 0.10 ms": the rest is the machine's time no process above accounts for. */
function formatShares({ machine, ...processes }: CpuShares): string {
  const rest = machine - Object.values(processes).reduce((sum, ms) => sum + ms, 0);
  const parts = Object.entries(processes).map(([name, ms]) => `${name} ${ms.toFixed(2)}`);
  return `${parts.join(', ')}, rest ${rest.toFixed(2)} ms`;
}

/** Mean of the inbox transaction-size histogram that a service exposes on /metrics. */
async function meanBatch(baseUrl: string): Promise<string> {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  const value = (name: string) => Number(metrics.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm'))?.[1] ?? NaN);
  const count = value('gridwhistle_inbox_transaction_events_count');
  return count > 0 ? (value('gridwhistle_inbox_transaction_events_sum') / count).toFixed(1) : '–';
}

function post(agent: Agent, url: string, apiKey: string, body: unknown): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.once('error', reject);
    });
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function gridCodes(node: AreaNode): string[] {
  return node.level === 'grid' ? [node.code] : node.children.flatMap((child) => gridCodes(child));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
