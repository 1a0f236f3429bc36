import { DataSource } from 'typeorm';
import { redactParameters } from '@gridwhistle/persistence';

/** Socket errors: the peer is away or the network between us is. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * What pg and pg-pool raise, without a SQLSTATE, when a connection is gone or cannot be made:
 * "Connection terminated unexpectedly", "… due to connection timeout", "timeout exceeded when
 * trying to connect", "Client has encountered a connection error and is not queryable".
 */
const CONNECTION_LOST = /^(Connection terminated\b|timeout exceeded when trying to connect|timeout expired$|Client has encountered a connection error|Client was closed and is not queryable)/;

/** A database that refuses new connections for now (ALLOW_CONNECTIONS false, as during a failover or maintenance). */
const NOT_ACCEPTING_CONNECTIONS = /is not currently accepting connections/;

/** TypeORM's word for a query runner whose connection was released under it (after a connection error). */
const RUNNER_LOST = new Set(['QueryRunnerProviderAlreadyReleasedError']);

/**
 * Failures known to say nothing about the work that met them: a connection that is gone, a
 * pool that cannot connect, a broker that is away, a commit whose outcome is unknown, a
 * deadlock. Anything else may or may not be the work's own fault: see TransientFailures.
 */
export function isTransientFailure(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code, retriable } = error as { code?: unknown; retriable?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || isTransientSqlState(code))) return true;
  if (typeof code !== 'string' && CONNECTION_LOST.test(error.message)) return true;
  // 55000 is mostly a statement's own fault, but at connect time it is a database closed to connections.
  if (code === '55000' && NOT_ACCEPTING_CONNECTIONS.test(error.message)) return true;
  if (RUNNER_LOST.has(error.name)) return true;
  // kafkajs marks the broker being away, slow or electing a leader as retriable.
  if (error.name.startsWith('KafkaJS') && retriable === true) return true;
  // kafkajs's "retries exceeded", pg-pool's connection timeout and TypeORM wrap the failure itself.
  const cause = (error as { cause?: unknown; driverError?: unknown }).cause ?? (error as { driverError?: unknown }).driverError;
  return cause !== undefined && isTransientFailure(cause, depth + 1);
}

/**
 * SQLSTATE classes 08 (connection), 40 (transaction rollback: deadlock, serialization), 53
 * (insufficient resources) and 57 (operator intervention: shutdown, crash, cannot connect
 * now). Two of them are left to the probe, because the statement itself can cause them:
 * 08P01, a protocol violation (a statement with more than 65,535 parameters; but also how
 * PgBouncer reports that it has no server), and 57014, a statement cancelled by its timeout.
 */
function isTransientSqlState(code: string): boolean {
  if (code === '08P01' || code === '57014') return false;
  return /^(08|40|53|57)[0-9A-Z]{3}$/.test(code);
}

/** How long the database may take to answer the probe before it counts as away. */
const PROBE_TIMEOUT_MS = 2000;

/**
 * Tells failures of the infrastructure from failures of the work (an event, a report). A
 * failure of a known transient shape is the infrastructure's. Any other one is the work's
 * only if the database is healthy: a trivial query answers. So a failure that the same work
 * causes again on a healthy database is the work's own, while an outage in an unknown shape
 * (a pooler's 08P01, a database not accepting connections) is never held against it.
 */
export class TransientFailures {
  private probing?: Promise<boolean>;

  constructor(private readonly dataSource: DataSource) {}

  async isTransient(error: unknown): Promise<boolean> {
    return isTransientFailure(error) || !(await this.databaseAnswers());
  }

  /** Whether the database answers a trivial query now; concurrent callers share one probe. */
  databaseAnswers(): Promise<boolean> {
    this.probing ??= this.probe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)));
    try {
      return await Promise.race([this.dataSource.query('SELECT 1').then(() => true, () => false), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** One line on a failure, for logs and dead-letter reasons: never the values of a failed query's parameters. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { parameters } = error as { parameters?: unknown[] };
  return `${error.name}: ${redactParameters(error.message, parameters)}`;
}
