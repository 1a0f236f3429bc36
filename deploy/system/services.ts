import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './infrastructure';
import { ServiceName } from './setup';

export const DEFAULT_PORTS: Record<ServiceName, number> = { intake: 3001, routing: 3002, department: 3003, feedback: 3004 };

/**
 * The V8 settings every service runs with (heap sizes that keep its memory in bounds), kept in
 * one file that the Dockerfile reads too.
 */
export function serviceNodeOptions(): string[] {
  return readFileSync(join(REPO_ROOT, 'deploy/service.node-options'), 'utf8').split(/\s+/).filter(Boolean);
}

/**
 * Runs one service from the compiled build (`npm run build`), the way it runs in production,
 * resolving the @gridwhistle/* imports inside dist/. An `undefined` in `env` unsets a variable;
 * `nodeOptions` go to node itself (the benchmark's --cpu-prof, which NODE_OPTIONS may not carry).
 */
export function spawnService(
  service: ServiceName,
  env: Record<string, string | undefined>,
  onLine: (line: string) => void,
  nodeOptions: string[] = [],
): ChildProcess {
  const main = join(REPO_ROOT, 'dist/services', service, 'src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npm run build" first`);
  const child = spawn(process.execPath, [...serviceNodeOptions(), ...nodeOptions, '-r', 'tsconfig-paths/register', main], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      ...env,
      TS_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.base.json'),
      TS_NODE_BASEURL: join(REPO_ROOT, 'dist'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', onLine);
  }
  return child;
}

/** A service's environment on the local stack (GRIDWHISTLE_PROFILE=local): where it listens and what it reaches. */
export function localServiceEnv(where: {
  port: number | string;
  host?: string;
  databaseUrl: string;
  kafkaBrokers: string;
  namespace: string;
}): Record<string, string> {
  return {
    GRIDWHISTLE_PROFILE: 'local',
    PORT: String(where.port),
    ...(where.host ? { HOST: where.host } : {}),
    DATABASE_URL: where.databaseUrl,
    KAFKA_BROKERS: where.kafkaBrokers,
    KAFKA_NAMESPACE: where.namespace,
  };
}

/** Waits until GET /health answers 200 (Postgres and Kafka both reachable from the service). */
export async function waitUntilHealthy(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${baseUrl} not healthy after ${timeoutMs} ms: ${last}`);
}

/** Asks a service to stop (SIGTERM: drains the outbox relay, leaves the consumer group) and waits. */
export async function stopService(child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** A port nobody listens on right now, for running services side by side with `npm start`. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Waits until intake knows the directory routing published (its categories come from that
 * event, a moment after the services start), so that the first report finds its category.
 */
export async function waitUntilDirectoryKnown(intakeUrl: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await fetch(`${intakeUrl}/v1/categories`).catch(() => undefined);
    if (answer?.ok && ((await answer.json()) as { categories: unknown[] }).categories.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`intake at ${intakeUrl} has not heard of routing's directory within ${timeoutMs} ms`);
}
