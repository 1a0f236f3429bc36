import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase } from '@gridwhistle/persistence';
import { KafkaSettings, deleteTopics } from '@gridwhistle/messaging';
import { Infrastructure, ensureInfrastructure } from '../infrastructure';
import { AreaNode, Credentials, DirectoryFile, SERVICES, ServiceName, generateCredentials, loadSampleCity, rolePasswords, setUpSystem } from '../setup';
import { freePort, localServiceEnv, spawnService, stopService, waitUntilDirectoryKnown, waitUntilHealthy } from '../services';
import { BenchHttp } from './bench.http';

/** The final status every accepted case must reach in intake and the department: the benchmark's ledger. */
export type FinalStatus = 'dispatched' | 'closed';

/** What the benchmark needs to know about one case it reported. */
export interface ReportedCase {
  id: string;
  /** The API key of the department the case is dispatched to, which acknowledges and resolves it. */
  departmentKey: string;
}

/**
 * The system under test: the four services from the build, in a database and Kafka namespace
 * of the run's own on the machine's Postgres and Kafka, and what the benchmark keeps about it:
 * the API keys, the cases it reported, and a superuser connection that observes every schema.
 */
export class BenchSystem {
  readonly urls = {} as Record<ServiceName, string>;
  readonly pids = {} as Record<ServiceName, number>;
  readonly http = new BenchHttp();
  /** Every accepted case and the status it must end in (lost cases are counted from it). */
  readonly ledger = new Map<string, FinalStatus>();
  private readonly children: ChildProcess[] = [];
  private readonly plan: { category: string; departmentKey: string }[];
  private readonly grids: string[];
  /** The hotline integration: it reports every case and, later, records the resident's feedback. */
  readonly integrationKey: string;
  private reported = 0;
  private stopping?: Promise<void>;

  private constructor(
    private readonly infra: Infrastructure,
    readonly databaseUrl: string,
    readonly kafka: KafkaSettings,
    readonly db: Client,
    credentials: Credentials,
    city: ReturnType<typeof loadSampleCity>,
  ) {
    const departmentKey = (code: string) => credentials.departments.find((d) => d.code === code)!.apiKey;
    this.plan = departmentMatters(city.directory).map(({ category, unit }) => ({ category, departmentKey: departmentKey(unit) }));
    this.grids = gridCodes(city.directory.areas);
    this.integrationKey = credentials.integrations.find((i) => i.code === 'hotline_12345')!.apiKey;
  }

  static async create(log: (line: string) => void): Promise<BenchSystem> {
    const infra = await ensureInfrastructure({ useContainers: false, log });
    log(infra.description.join('; '));
    const namespace = `bench${randomBytes(3).toString('hex')}`;
    const url = new URL(infra.databaseUrl);
    url.pathname = `/gw_${namespace}`;
    const databaseUrl = url.toString();
    const kafka = { brokers: infra.kafkaBrokers.split(','), namespace, clientId: 'gridwhistle-bench' };
    const city = loadSampleCity();
    const credentials = generateCredentials(city);
    await setUpSystem({ databaseUrl, kafka, city, credentials, passwords: rolePasswords({}, 'local') });
    const db = new Client({ connectionString: databaseUrl, application_name: 'gridwhistle-bench' });
    await db.connect();
    return new BenchSystem(infra, databaseUrl, kafka, db, credentials, city);
  }

  /** Starts the services; with `profileDir`, each writes a V8 CPU profile there when it stops. */
  async startServices(profileDir?: string): Promise<void> {
    for (const service of SERVICES) {
      const port = await freePort();
      this.urls[service] = `http://127.0.0.1:${port}`;
      const env = {
        ...localServiceEnv({
          port,
          host: '127.0.0.1',
          databaseUrl: this.databaseUrl,
          kafkaBrokers: this.kafka.brokers.join(','),
          namespace: this.kafka.namespace,
        }),
        LOG_LEVEL: 'warn',
      };
      const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}/${service}`] : [];
      const child = spawnService(service, env, (line) => process.stderr.write(`[${service}] ${line}\n`), profile);
      this.children.push(child);
      this.pids[service] = child.pid!;
    }
    await Promise.all(SERVICES.map((service) => waitUntilHealthy(this.urls[service])));
    await waitUntilDirectoryKnown(this.urls.intake);
  }

  /** Reports the next case of the sample city (categories and grids in turn); throws unless intake answers 201. */
  async report(): Promise<ReportedCase> {
    const i = this.reported++;
    const { category, departmentKey } = this.plan[i % this.plan.length];
    const body = await this.http.expect(201, `${this.urls.intake}/v1/cases`, this.integrationKey, {
      category,
      description: `benchmark case ${i}`,
      location: { gridCode: this.grids[i % this.grids.length] },
      // One caller per case: the same caller with the same matter would be answered as a repeat.
      reporter: { phone: `138${String(i % 1e8).padStart(8, '0')}` },
      channel: 'hotline',
    });
    const { id } = JSON.parse(body) as { id: string };
    this.ledger.set(id, 'dispatched');
    return { id, departmentKey };
  }

  /**
   * Waits until every accepted case is in its department's table. Counting the whole table
   * is cheap at a benchmark's size and asks nothing of the services.
   */
  async untilListed(timeoutMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await this.db.query("SELECT count(*)::int AS n FROM department.cases WHERE role = 'lead'");
      if (rows[0].n >= this.ledger.size) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  /** Stops the services and removes the run's database and topics; once, however often it is called. */
  stop(): Promise<void> {
    return (this.stopping ??= this.tearDown());
  }

  private async tearDown(): Promise<void> {
    this.http.destroy();
    await this.db.end().catch(() => undefined);
    await Promise.all(this.children.map((child) => stopService(child)));
    await deleteTopics(this.kafka).catch(() => undefined);
    await dropDatabase(this.databaseUrl).catch(() => undefined);
    await this.infra.stop();
  }
}

function gridCodes(node: AreaNode): string[] {
  return node.level === 'grid' ? [node.code] : (node.children ?? []).flatMap((child) => gridCodes(child));
}

/**
 * The categories the catalogue sends to one named unit everywhere (one entry, for no area in
 * particular), with that unit: the bench knows which key sees each case without routing's engine.
 */
function departmentMatters(directory: DirectoryFile): { category: string; unit: string }[] {
  return directory.categories.flatMap(({ code }) => {
    const entries = directory.catalogue.filter((entry) => entry.category === code);
    return entries.length === 1 && !entries[0].area && entries[0].lead.unit ? [{ category: code, unit: entries[0].lead.unit }] : [];
  });
}
