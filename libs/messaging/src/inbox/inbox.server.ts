import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { Registry } from 'prom-client';
import { EventEnvelope, TopicKey, isEventType, parseEvent, topicOf, InvalidEventError } from '@gridwhistle/contracts';
import { GroupCommit } from '@gridwhistle/persistence';
import { INBOX_CONSUMER_CONFIG, KafkaSettings, kafkaConfig, topicName } from '../kafka.settings';
import { DeadLetter, DeadLetterPublisher } from '../dead-letter.publisher';
import { InboxContext } from './inbox.context';
import { OffsetCommitter } from './offset-committer';
import { InboxMetrics, InboxOutcome } from './inbox.metrics';
import { InboxPruner } from './inbox.pruner';
import { ConsumerLagMonitor } from './consumer-lag.monitor';
import { TransientFailures, describeFailure } from './failure';
import { UnprocessableEventError } from './unprocessable-event.error';
import { BatchControl, DONE, STOPPED, outlastOutages, sleep } from './outlast-outages';

/**
 * Bounds one shared transaction in events, so that a handler's multi-row statement stays far
 * below Postgres's 65,535 parameters even when a backlog arrives in full 1 MB batches.
 */
const MAX_EVENTS_PER_TRANSACTION = 2000;

/**
 * The largest event an inbox takes: far above any real one (a directory with its geometry is
 * under 100 KB), far below the broker's limit, so that a runaway producer's event is parked
 * with its reason rather than handled.
 */
export const MAX_EVENT_BYTES = 512 * 1024;

/** A replayed dead letter is meant for the consumer group that parked it, no other. */
export const REPLAY_FOR_GROUP_HEADER = 'replay-for-group';

export interface InboxServerOptions {
  schema: string;
  groupId: string;
  partitionsConsumedConcurrently: number;
  maxAttempts: number;
  retryBackoffMs: number;
  commitIntervalMs: number;
  /** How long handled event ids are kept; must outlast the topics' retention (see inboxRetentionHours). */
  retentionHours: number;
  pruneIntervalMs: number;
  /** How often the group's lag is measured for /metrics. */
  lagIntervalMs: number;
}

interface Delivery {
  message: KafkaMessage;
  event: EventEnvelope;
}

/**
 * A Nest microservice transport that consumes Kafka in batches and hands the events to their
 * `@EventPattern(type)` handlers, as arrays in partition order, inside one database
 * transaction together with the inbox record of their ids, so a redelivered event changes
 * nothing.
 *
 * A batch is first handled in a single transaction that it shares with the batches of the
 * other partitions in flight (fast path). If that fails, the batch is tried alone, then its
 * events one by one; an event that still fails after `maxAttempts`, that its handler calls
 * unprocessable, or that does not match its contract (or its size limit), goes to the dead-letter topic and the partition moves on. A failure
 * counts against an event only if the database is healthy (see TransientFailures): during
 * an outage the batch waits, heartbeating, until the database answers, and is tried again.
 */
export class InboxServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private committer?: OffsetCommitter;
  private readonly pruner: InboxPruner;
  private readonly metrics: InboxMetrics;
  private readonly lag: ConsumerLagMonitor;
  /** Batches of all partitions in flight share one transaction (see handleBatch); an outage fails them all at once. */
  private readonly writer = new GroupCommit<Delivery[], void>(
    (batches) => this.handleInTransaction(batches.flat()).then(() => batches.map(() => undefined)),
    MAX_EVENTS_PER_TRANSACTION,
    (batch) => batch.length,
    { isTransient: (error) => this.failures.isTransient(error), withinMs: 0 },
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: KafkaSettings,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly failures: TransientFailures,
    private readonly options: InboxServerOptions,
    registry: Registry,
  ) {
    super();
    this.metrics = new InboxMetrics(registry);
    this.lag = new ConsumerLagMonitor(kafka, options.groupId, registry);
    this.pruner = new InboxPruner(dataSource, options.schema, options.retentionHours);
  }

  /** The topics this service subscribes to: those carrying an event type it has a handler for. */
  subscribedTopics(): TopicKey[] {
    const patterns = [...this.messageHandlers.keys()];
    const unknown = patterns.filter((pattern) => !isEventType(pattern));
    if (unknown.length > 0) throw new Error(`@EventPattern names unknown event types: ${unknown.join(', ')}`);
    return [...new Set(patterns.map((pattern) => topicOf(pattern as EventEnvelope['type'])))];
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const topics = this.subscribedTopics();
      if (topics.length === 0) return callback();
      this.consumer = new Kafka(kafkaConfig(this.kafka)).consumer({
        groupId: this.options.groupId,
        ...INBOX_CONSUMER_CONFIG,
      });
      this.committer = new OffsetCommitter(this.consumer, this.options.commitIntervalMs);
      await this.consumer.connect();
      const names = topics.map((t) => topicName(this.kafka, t));
      this.deadLetters.expect(names);
      await this.consumer.subscribe({ topics: names, fromBeginning: true });
      await this.consumer.run({
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
        eachBatchAutoResolve: false,
        autoCommit: false, // the committer commits once per interval, not after every batch
        eachBatch: (payload) => this.handleBatch(payload),
      });
      this.committer.start();
      this.pruner.start(this.options.pruneIntervalMs);
      this.lag.start(names, this.options.lagIntervalMs);
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.pruner.stop();
    await this.lag.stop();
    await this.committer?.stop();
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): void {
    throw new Error('InboxServer does not expose events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const letters: DeadLetter[] = [];
    const deliveries: Delivery[] = [];
    for (const message of batch.messages) {
      if (!this.isForUs(message)) continue;
      // An event on a subscribed topic that this service does not handle is not for us: the
      // relay's event-type header says so without parsing and validating it.
      const type = message.headers?.['event-type']?.toString();
      if (type !== undefined && isEventType(type) && !this.messageHandlers.has(type)) continue;
      const parsed = this.parse(message);
      if (parsed instanceof InvalidEventError) {
        letters.push(this.letter(batch.topic, batch.partition, message, parsed.message));
      } else if (this.messageHandlers.has(parsed.type)) {
        deliveries.push({ message, event: parsed });
      }
    }
    // Fast path: together with the batches of other partitions in flight, in one transaction.
    const together = deliveries.length > 0 ? await this.outlast(() => this.writer.submit(deliveries), payload) : DONE;
    if (together === STOPPED) return;
    if (together !== DONE) {
      for (const delivery of deliveries) {
        if (!isRunning() || isStale()) return;
        const outcome = await this.handleWithRetries(delivery, payload);
        if (outcome === STOPPED) return;
        if (outcome !== DONE) letters.push(this.letter(batch.topic, batch.partition, delivery.message, outcome));
        await heartbeat();
      }
    }
    await this.deadLetters.publish(letters);
    resolveOffset(batch.lastOffset());
    this.committer?.handled(batch.topic, batch.partition, batch.lastOffset());
    if (!isRunning()) await this.committer?.commit(); // stopping: the group is left right after this batch
    await heartbeat();
  }

  /** Handles one event on its own; returns why it failed for good when it did. */
  private async handleWithRetries(delivery: Delivery, control: BatchControl): Promise<typeof DONE | typeof STOPPED | string> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.outlast(() => this.handleInTransaction([delivery]), control);
      if (outcome === DONE || outcome === STOPPED) return outcome;
      const reason = describeFailure(outcome.failure);
      if (outcome.failure instanceof UnprocessableEventError) return reason;
      if (attempt >= this.options.maxAttempts) return `handler failed ${attempt} times: ${reason}`;
      this.logger.warn(`${delivery.event.type} ${delivery.event.id} failed (attempt ${attempt}), retrying: ${reason}`);
      await sleep(this.options.retryBackoffMs * 2 ** (attempt - 1));
    }
  }

  private outlast(work: () => Promise<unknown>, control: BatchControl) {
    return outlastOutages(work, this.failures, control, (error) =>
      this.logger.warn(`transient failure, events wait until the database answers: ${describeFailure(error)}`),
    );
  }

  /** Handles deliveries in one transaction; counts them on /metrics once it has committed. */
  private async handleInTransaction(deliveries: Delivery[]): Promise<void> {
    const outcome = await this.dataSource.transaction((manager) => this.handleAll(manager, deliveries));
    this.metrics.committed(outcome);
  }

  /**
   * Records the deliveries in the inbox, then hands the fresh ones to their handlers. Each
   * handler gets a run of consecutive events in partition order as one array, so that it can
   * change its tables with a few set-based statements per batch instead of a few per event.
   */
  private async handleAll(manager: EntityManager, deliveries: Delivery[]): Promise<InboxOutcome> {
    const outcome: InboxOutcome = { handled: [], duplicates: [] };
    if (deliveries.length === 0) return outcome;
    const inserted: { event_id: string }[] = await manager.query(
      `INSERT INTO "${this.options.schema}".inbox (event_id, type)
       SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING RETURNING event_id`,
      [deliveries.map((d) => d.event.id), deliveries.map((d) => d.event.type)],
    );
    const fresh = new Set(inserted.map((row) => row.event_id));
    let run: EventEnvelope[] = [];
    let runHandler: MessageHandler | undefined;
    for (const { event } of deliveries) {
      // The same event twice in one batch, or already handled before: one effect only.
      if (!fresh.delete(event.id)) {
        outcome.duplicates.push(event);
        continue;
      }
      const handler = this.messageHandlers.get(event.type)!;
      if (handler !== runHandler) {
        await this.invoke(manager, runHandler, run);
        run = [];
        runHandler = handler;
      }
      run.push(event);
      outcome.handled.push(event);
    }
    await this.invoke(manager, runHandler, run);
    return outcome;
  }

  private async invoke(manager: EntityManager, handler: MessageHandler | undefined, events: EventEnvelope[]): Promise<void> {
    if (!handler || events.length === 0) return;
    await lastValueFrom(this.transformToObservable(await handler(events, new InboxContext([manager]))), { defaultValue: undefined });
  }

  private isForUs(message: KafkaMessage): boolean {
    const group = message.headers?.[REPLAY_FOR_GROUP_HEADER];
    return group === undefined || String(group) === this.options.groupId;
  }

  private parse(message: KafkaMessage): EventEnvelope | InvalidEventError {
    const size = message.value?.length ?? 0;
    if (size > MAX_EVENT_BYTES) return new InvalidEventError([`oversized: ${size} bytes, more than ${MAX_EVENT_BYTES}`]);
    try {
      return parseEvent(JSON.parse(message.value?.toString('utf8') ?? 'null'));
    } catch (error) {
      return error instanceof InvalidEventError ? error : new InvalidEventError(['value is not JSON']);
    }
  }

  private letter(topic: string, partition: number, message: KafkaMessage, reason: string): DeadLetter {
    return { topic, partition, offset: message.offset, key: message.key, value: message.value, headers: message.headers, reason };
  }
}
