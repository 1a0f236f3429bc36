import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { Counter, Gauge, Registry } from 'prom-client';
import { EventEnvelope, TopicKey } from '@gridwhistle/contracts';
import { PgListener, sharedReading } from '@gridwhistle/persistence';
import { KafkaSettings, topicName } from '../kafka.settings';
import { outboxChannel } from '../messaging.tables';

export interface OutboxRelayOptions {
  schema: string;
  batchSize: number;
  pollIntervalMs: number;
  retentionHours: number;
}

/** How long the marks of a published batch wait for the next read to carry them. */
const MARK_WITHIN_MS = 50;

interface OutboxRow {
  seq: string;
  topic: TopicKey;
  envelope: EventEnvelope;
}

/**
 * Publishes committed outbox rows to Kafka in commit order, in batches, and marks them
 * published only after the broker acknowledged them. A crash in between republishes the
 * batch; consumers' inboxes make that harmless.
 *
 * Only one relay per schema publishes at a time (a session advisory lock on its LISTEN
 * connection), which keeps each case's events in order across several service instances.
 * It is woken by NOTIFY on insert and polls as a fallback.
 *
 * The relay reads and marks rows on that same session, so that it never publishes without
 * the lock, marking each batch with the statement that reads the next (markAndRead), and the
 * session commits its marks without waiting for the WAL flush
 * (`synchronous_commit = off`): a mark lost in a server crash only means the batch is
 * published again, which the consumers' inboxes make harmless, while waiting for the disk
 * would cost every batch a flush that the writes around it compete for.
 */
export class OutboxRelay {
  private readonly logger: Logger;
  private readonly listener: PgListener;
  private timer?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private wakeAgain = false;
  private leader = false;
  private stopped = true;
  private lastPrune = 0;
  /** The seqs of the batch published last, marked by the next statement (see markAndRead). */
  private unmarked: string[] = [];
  private markTimer?: NodeJS.Timeout;
  private readonly published: Counter;
  private readonly lag: Gauge;
  private readonly backlog: Gauge;

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
    private readonly kafka: Pick<KafkaSettings, 'namespace'>,
    private readonly options: OutboxRelayOptions,
    registry: Registry,
  ) {
    this.logger = new Logger(`OutboxRelay:${options.schema}`);
    this.listener = new PgListener({
      connectionString: (dataSource.options as { url: string }).url,
      channel: outboxChannel(options.schema),
      applicationName: `outbox-relay-${options.schema}`,
      onNotification: () => this.wake(),
      onLost: () => {
        // Another relay may take over: it publishes the unmarked batch again, which the inboxes absorb.
        this.leader = false;
        this.unmarked = [];
      },
      logger: this.logger,
    });
    this.published = new Counter({
      name: 'gridwhistle_outbox_published_total',
      help: 'Events published from the outbox to Kafka',
      labelNames: ['type'],
      registers: [registry],
    });
    const collect = sharedReading(async () => {
      const { age, backlog } = await this.unpublished();
      this.lag.set(age);
      this.backlog.set(backlog);
    });
    this.lag = new Gauge({
      name: 'gridwhistle_outbox_oldest_unpublished_seconds',
      help: 'Age of the oldest event waiting in the outbox',
      registers: [registry],
      collect,
    });
    this.backlog = new Gauge({
      name: 'gridwhistle_outbox_unpublished_events',
      help: 'Events waiting in the outbox to be published',
      registers: [registry],
      collect,
    });
  }

  /** Idempotent: a hybrid Nest app runs bootstrap hooks for the HTTP app and the microservice. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.listener.start();
    this.timer = setInterval(() => this.wake(), this.options.pollIntervalMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.markTimer);
    this.markTimer = undefined;
    await this.draining;
    await this.markLast();
    this.leader = false;
    await this.listener.stop();
  }

  private wake(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.wakeAgain = true;
      return;
    }
    this.draining = this.drain()
      .catch((error) => this.logger.error(`publishing failed, will retry: ${error.message}`))
      .finally(() => {
        this.draining = undefined;
        if (this.wakeAgain) {
          this.wakeAgain = false;
          this.wake();
        }
      });
  }

  private async ensureLeader(): Promise<boolean> {
    if (this.leader || !this.listener.listening) return this.leader;
    const result = await this.listener.query<{ locked: boolean }>(
      `SELECT pg_try_advisory_lock(hashtext($1)) AS locked, set_config('synchronous_commit', 'off', false)`,
      [`${this.options.schema}.outbox-relay`],
    );
    this.leader = result.rows[0].locked === true;
    return this.leader;
  }

  private async drain(): Promise<void> {
    if (!(await this.ensureLeader())) return;
    for (;;) {
      if (this.stopped) return;
      const rows = await this.markAndRead();
      if (rows.length === 0) break;
      await this.publish(rows);
      this.unmarked = rows.map((row) => row.seq);
      for (const row of rows) this.published.inc({ type: row.envelope.type });
      if (rows.length < this.options.batchSize) break;
    }
    // No wake-up may come soon to carry the marks: one will.
    if (this.unmarked.length > 0) this.markTimer ??= setTimeout(() => this.markSoon(), MARK_WITHIN_MS);
    await this.pruneOccasionally();
  }

  /**
   * Marks the batch published last and reads the next one, in one statement: the marks ride on
   * the next read instead of costing a round trip of their own (under load the next wake-up
   * comes within milliseconds; without one, a timer marks them within MARK_WITHIN_MS). The
   * read passes over the rows it marks, which its snapshot still shows unpublished. A crash
   * before the mark republishes the batch, as a crash before a separate mark did.
   */
  private async markAndRead(): Promise<OutboxRow[]> {
    const { rows } = await this.listener.query<OutboxRow>(
      `WITH marked AS (UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE seq = ANY($2::bigint[]))
       SELECT seq, topic, envelope FROM "${this.options.schema}".outbox
       WHERE published_at IS NULL AND seq <> ALL($2::bigint[]) ORDER BY seq LIMIT $1`,
      [this.options.batchSize, this.unmarked],
    );
    this.unmarked = [];
    return rows;
  }

  private markSoon(): void {
    this.markTimer = undefined;
    this.wake();
  }

  /** On stopping: the last batch's marks, so that a restart does not publish it again. */
  private async markLast(): Promise<void> {
    if (this.unmarked.length === 0 || !this.leader) return;
    await this.listener
      .query(`UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE seq = ANY($1::bigint[])`, [this.unmarked])
      .catch((error) => this.logger.warn(`the last batch stays unmarked and will be published again: ${error.message}`));
    this.unmarked = [];
  }

  /** Sends one batch; per topic the messages keep outbox order, and keys keep each case on one partition. */
  protected async publish(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const { topic, envelope } of rows) {
      const name = topicName(this.kafka, topic);
      const messages = byTopic.get(name) ?? [];
      messages.push({
        key: envelope.caseId,
        value: JSON.stringify(envelope),
        headers: {
          'event-id': envelope.id,
          'event-type': envelope.type,
          ...(envelope.trace ? { traceparent: envelope.trace.traceparent } : {}),
        },
      });
      byTopic.set(name, messages);
    }
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  private async pruneOccasionally(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.dataSource.query(
      `DELETE FROM "${this.options.schema}".outbox WHERE published_at < now() - make_interval(hours => $1)`,
      [this.options.retentionHours],
    );
  }

  private async unpublished(): Promise<{ age: number; backlog: number }> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age, count(*)::int AS backlog
       FROM "${this.options.schema}".outbox WHERE published_at IS NULL`,
    );
    return row;
  }
}
