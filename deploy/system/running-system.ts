import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment, takeDatabaseAway } from '@gridwhistle/testing';
import { Credentials, SERVICES, ServiceName, generateCredentials, loadSampleCity, publishDirectoryFile, rolePasswords, setUpSystem } from './setup';
import { freePort, localServiceEnv, spawnService, stopService, waitUntilDirectoryKnown, waitUntilHealthy } from './services';

export type ServiceEnvironments = Partial<Record<ServiceName, Record<string, string>>>;

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
  private readonly moreInstances: ChildProcess[] = [];

  private constructor(
    readonly env: IsolatedEnvironment,
    readonly credentials: Credentials,
    readonly db: Client,
    private readonly serviceEnv: ServiceEnvironments,
  ) {}

  /**
   * `serviceEnv` adds to a service's environment (e.g. a shorter interval for a test);
   * `moreInstances` runs a second instance of each service named, beside the first.
   */
  static async start(options: { serviceEnv?: ServiceEnvironments; moreInstances?: ServiceName[] } = {}): Promise<RunningSystem> {
    const env = await createIsolatedEnvironment(SERVICES.map((s) => serviceDatabase(s)));
    const city = loadSampleCity();
    const db = new Client({ connectionString: env.databaseUrl });
    const system = new RunningSystem(env, generateCredentials(city), db, options.serviceEnv ?? {});
    await system.db.connect();
    await setUpSystem({
      databaseUrl: env.databaseUrl,
      kafka: env.kafka,
      city,
      credentials: system.credentials,
      passwords: rolePasswords({}, 'local'),
    });
    for (const service of SERVICES) system.urls[service] = `http://127.0.0.1:${await freePort()}`;
    await Promise.all([
      ...SERVICES.map((service) => system.restart(service)),
      ...(options.moreInstances ?? []).map((service) => system.addInstance(service)),
    ]);
    await waitUntilDirectoryKnown(system.urls.intake);
    return system;
  }

  /** Hands a new directory version to routing, as setup hands it the file. */
  async publishDirectory(directory: unknown): Promise<void> {
    await publishDirectoryFile(this.env.databaseUrl, directory);
  }

  /** Starts (again) one service on its port and waits until it is healthy. */
  async restart(service: ServiceName): Promise<void> {
    this.children.set(service, this.spawn(service, this.urls[service]));
    await this.healthy(this.urls[service]);
  }

  /** Runs one more instance of a service, on a port of its own, until stop(). */
  private async addInstance(service: ServiceName): Promise<void> {
    const url = `http://127.0.0.1:${await freePort()}`;
    this.moreInstances.push(this.spawn(service, url));
    await this.healthy(url);
  }

  private spawn(service: ServiceName, url: string): ChildProcess {
    return spawnService(
      service,
      {
        ...localServiceEnv({
          port: new URL(url).port,
          host: '127.0.0.1',
          databaseUrl: this.env.databaseUrl,
          kafkaBrokers: this.env.kafka.brokers.join(','),
          namespace: this.env.namespace,
        }),
        ...this.serviceEnv[service],
      },
      (line) => this.logs.push(`[${service}] ${line}`),
    );
  }

  private async healthy(url: string): Promise<void> {
    try {
      await waitUntilHealthy(url);
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

  /** Whether the service's process is still alive: nothing made it exit. */
  isRunning(service: ServiceName): boolean {
    const child = this.children.get(service)!;
    return child.exitCode === null && child.signalCode === null;
  }

  /** Takes the system's database away for `ms`, as a failover does (see takeDatabaseAway); the test's own client stays. */
  async databaseOutage(ms: number): Promise<void> {
    const { pid } = (await this.db.query('SELECT pg_backend_pid() AS pid')).rows[0];
    const bringBack = await takeDatabaseAway(this.env.databaseUrl, [pid]);
    try {
      await new Promise((resolve) => setTimeout(resolve, ms));
    } finally {
      await bringBack();
    }
  }

  /** SIGTERM: the service shuts down cleanly (consumers leave their groups at once). */
  async shutDown(service: ServiceName): Promise<void> {
    await stopService(this.children.get(service)!);
  }

  apiKey(kind: 'departments' | 'integrations' | 'operators', code: string): string {
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
    await Promise.all([...this.children.values(), ...this.moreInstances].map((child) => stopService(child)));
    await this.env.dispose();
  }
}
