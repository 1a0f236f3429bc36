import { Client } from 'pg';
import { SERVICES, ServiceName } from '../setup';
import { CpuPerCase } from './bench.result';
import { commandCpuMs, cpuTimeAvailable, machineBusyMs, processCpuMs, residentMb } from './proc-stats';

interface CpuSample {
  services: Record<ServiceName, number>;
  benchClient: number;
  kafka: number;
  /** CPU ms of each Postgres process that works for this benchmark, by pid. */
  postgres: Map<number, number>;
  machine: number;
}

/**
 * What the system under test costs: CPU by process between two samples, and each service's
 * resident memory, sampled all along so that the peak is seen.
 *
 * Postgres is counted as the backends of the bench's own database plus the server's shared
 * processes (WAL writer, checkpointer, …), not the backends of other databases on a shared
 * server, and not the bench's own observing connection. Kafka is every `java` process: on a
 * shared broker it includes other clients' load.
 */
export class UsageMeter {
  readonly peakMb = Object.fromEntries(SERVICES.map((s) => [s, 0])) as Record<ServiceName, number>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly pids: Record<ServiceName, number>,
    private readonly db: Client,
  ) {}

  static readonly available = cpuTimeAvailable;

  async sampleCpu(): Promise<CpuSample> {
    const { rows } = await this.db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
       WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid()`,
    );
    return {
      services: this.perService(processCpuMs),
      benchClient: processCpuMs(process.pid),
      kafka: commandCpuMs('java'),
      postgres: new Map(rows.map(({ pid }) => [pid, processCpuMs(pid)])),
      machine: machineBusyMs(),
    };
  }

  /** CPU ms per case between two samples; a Postgres process that started in between counts from zero. */
  static perCase(before: CpuSample, after: CpuSample, cases: number): CpuPerCase {
    const per = (ms: number) => ms / cases;
    let postgres = 0;
    for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
    const services = Object.fromEntries(SERVICES.map((s) => [s, per(after.services[s] - before.services[s])])) as Record<ServiceName, number>;
    const kafka = per(after.kafka - before.kafka);
    const total = Object.values(services).reduce((sum, ms) => sum + ms, 0) + kafka + per(postgres);
    return {
      ...services,
      kafka,
      postgres: per(postgres),
      total,
      bench_client: per(after.benchClient - before.benchClient),
      machine: per(after.machine - before.machine),
    };
  }

  /** Samples every service's resident memory until stopped, keeping the peak. */
  watchMemory(intervalMs = 250): void {
    this.timer = setInterval(() => this.residentNow(), intervalMs);
    this.timer.unref();
  }

  stopWatching(): void {
    clearInterval(this.timer);
  }

  /** Each service's resident memory now, in MB (also taken into the peak). */
  residentNow(): Record<ServiceName, number> {
    const now = this.perService(residentMb);
    for (const s of SERVICES) if (now[s] > this.peakMb[s]) this.peakMb[s] = now[s];
    return now;
  }

  private perService(read: (pid: number) => number): Record<ServiceName, number> {
    return Object.fromEntries(SERVICES.map((s) => [s, read(this.pids[s])])) as Record<ServiceName, number>;
  }
}
