import { Client, QueryResult, QueryResultRow } from 'pg';
import { quoteIdent } from './provision';

export interface PgListenerOptions {
  connectionString: string;
  channel: string;
  applicationName: string;
  onNotification: () => void;
  /** Once LISTEN is in place, after the first connection and after each reconnection. */
  onListening?: () => void;
  /** The connection was lost: whatever was notified until `onListening` is missed. */
  onLost?: () => void;
  logger?: { warn(message: string): void };
  reconnectDelayMs?: number;
}

/**
 * A connection of its own that LISTENs on one channel, outside any pool (a pooled connection
 * cannot keep a LISTEN). Postgres restarts and terminated backends do not end the process:
 * the connection's errors are handled and it reconnects until stopped.
 */
export class PgListener {
  private client?: Client;
  private stopped = true;
  private timer?: NodeJS.Timeout;

  constructor(private readonly options: PgListenerOptions) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * Listens; the first connection's failure is thrown, later losses reconnect by themselves.
   * Idempotent: a hybrid Nest app runs bootstrap hooks for the HTTP app and the microservice.
   */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.connect().catch((error) => {
      this.stopped = true;
      throw error;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** A query on the listening session itself, e.g. a session lock that must be lost with it. */
  query<R extends QueryResultRow = QueryResultRow>(sql: string, params?: unknown[]): Promise<QueryResult<R>> {
    if (!this.client) return Promise.reject(new Error(`not listening on ${this.options.channel}`));
    return this.client.query<R>(sql, params);
  }

  private async connect(): Promise<void> {
    const { connectionString, applicationName, channel } = this.options;
    const client = new Client({ connectionString, application_name: applicationName });
    client.on('error', (error) => this.lost(client, error.message));
    client.on('end', () => this.lost(client, 'connection ended'));
    client.on('notification', (message) => {
      if (message.channel === channel) this.options.onNotification();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(channel)}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) return void (await client.end());
    this.client = client;
    this.options.onListening?.();
  }

  private lost(client: Client, reason: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.options.logger?.warn(`connection listening on ${this.options.channel} lost: ${reason}`);
    this.options.onLost?.();
    this.reconnectLater();
  }

  private reconnectLater(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.connect().catch((error: Error) => {
        this.options.logger?.warn(`reconnecting to listen on ${this.options.channel} failed, will retry: ${error.message}`);
        this.reconnectLater();
      });
    }, this.options.reconnectDelayMs ?? 1000);
  }
}
