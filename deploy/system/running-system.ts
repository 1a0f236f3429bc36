import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment } from '@gridwhistle/testing';
import { Credentials, SERVICES, ServiceName, generateCredentials, loadSampleCity, setUpSystem } from './setup';
import { freePort, spawnService, stopService, waitUntilHealthy } from './services';

export interface CallOptions {
  method?: string;
  apiKey?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * The four services as separate processes from the build, in a database and Kafka namespace
 * of their own, for end-to-end tests: call them over HTTP, kill and restart them, and look
 * into their database (as the superuser: tests may read every schema, services may not).
 */
export class RunningSystem {
  readonly urls = {} as Record<ServiceName, string>;
  readonly logs: string[] = [];
  private readonly children = new Map<ServiceName, ChildProcess>();

  private constructor(
    readonly env: IsolatedEnvironment,
    readonly credentials: Credentials,
    readonly db: Client,
  ) {}

  static async start(): Promise<RunningSystem> {
    const env = await createIsolatedEnvironment(SERVICES.map((s) => serviceDatabase(s)));
    const city = loadSampleCity();
    const system = new RunningSystem(env, generateCredentials(city), new Client({ connectionString: env.databaseUrl }));
    await system.db.connect();
    await setUpSystem({ databaseUrl: env.databaseUrl, kafka: env.kafka, city, credentials: system.credentials });
    for (const service of SERVICES) system.urls[service] = `http://127.0.0.1:${await freePort()}`;
    await Promise.all(SERVICES.map((service) => system.restart(service)));
    return system;
  }

  /** Starts (again) one service on its port and waits until it is healthy. */
  async restart(service: ServiceName): Promise<void> {
    const child = spawnService(
      service,
      {
        PORT: new URL(this.urls[service]).port,
        HOST: '127.0.0.1',
        DATABASE_URL: this.env.databaseUrl,
        KAFKA_BROKERS: this.env.kafka.brokers.join(','),
        KAFKA_NAMESPACE: this.env.namespace,
      },
      (line) => this.logs.push(`[${service}] ${line}`),
    );
    this.children.set(service, child);
    try {
      await waitUntilHealthy(this.urls[service]);
    } catch (error) {
      console.error(this.logs.join('\n'));
      throw error;
    }
  }

  /** SIGKILL: no shutdown hook runs, as in a crash or an OOM kill. */
  async crash(service: ServiceName): Promise<void> {
    const child = this.children.get(service)!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the service shuts down cleanly (consumers leave their groups at once). */
  async shutDown(service: ServiceName): Promise<void> {
    await stopService(this.children.get(service)!);
  }

  apiKey(kind: 'departments' | 'integrations', code: string): string {
    return this.credentials[kind].find((entry) => entry.code === code)!.apiKey;
  }

  async call(service: ServiceName, path: string, init: CallOptions = {}) {
    const response = await fetch(`${this.urls[service]}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.apiKey ? { authorization: `Bearer ${init.apiKey}` } : {}),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    const json = /^application\/(problem\+)?json\b/.test(response.headers.get('content-type') ?? '');
    return { status: response.status, headers: response.headers, text, body: json ? JSON.parse(text) : undefined };
  }

  /** The number a `SELECT count(*)::int AS n …` query answers. */
  async count(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.db.query(sql, params)).rows[0].n;
  }

  async stop(): Promise<void> {
    await this.db.end();
    await Promise.all([...this.children.values()].map((child) => stopService(child)));
    await this.env.dispose();
  }
}
