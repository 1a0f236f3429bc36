import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Controller, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { MetricsModule } from '@gridwhistle/observability';
import { asSchemaOwner, serviceDatabase, typeOrmOptions } from '@gridwhistle/persistence';
import { IsolatedEnvironment, TopicReader, createIsolatedEnvironment, eventually, takeDatabaseAway } from '@gridwhistle/testing';
import {
  InboxContext,
  connectInbox,
  MessagingModule,
  OutboxRelay,
  OutboxWriter,
  createMessagingTables,
  messagingMigrations,
  kafkaConfig,
  topicName,
} from '.';

const probe = serviceDatabase('probe');
const POISON = 'handler always fails on this one';

/** A stand-in service: its effect is one row per handled event, numbered in handling order. */
@Controller()
class ProbeHandler {
  @EventPattern('case.reported')
  async onReported(@Payload() events: EventEnvelope<'case.reported'>[], @Ctx() context: InboxContext) {
    if (events.some((event) => event.payload.description === POISON)) throw new Error('boom');
    await context.manager.query(
      'INSERT INTO probe.effects (event_id, call_size) SELECT unnest($1::uuid[]), $2',
      [events.map((event) => event.id), events.length],
    );
  }
}

function reported(description = '井盖缺失'): EventEnvelope<'case.reported'> {
  return createEvent('case.reported', randomUUID(), {
    categoryCode: 'manhole_cover',
    gridCode: 'kaizhou.hanfeng.binhu.g01',
    channel: 'hotline',
    requestKind: 'report',
    description,
    reportedAt: new Date().toISOString(),
    integrationCode: 'hotline_12345',
  });
}

describe('outbox and inbox on real Postgres and Kafka', () => {
  let env: IsolatedEnvironment;
  let app: INestApplication;
  let dataSource: DataSource;
  let producer: Producer;
  let deadLetters: TopicReader;

  const effects = async (eventId: string): Promise<number> =>
    (await dataSource.query('SELECT count(*)::int AS n FROM probe.effects WHERE event_id = $1', [eventId]))[0].n;
  const publishedAt = async (eventId: string): Promise<Date | null> =>
    (await dataSource.query('SELECT published_at FROM probe.outbox WHERE id = $1', [eventId]))[0].published_at;
  const writeToOutbox = (event: EventEnvelope) =>
    dataSource.transaction((manager) => app.get(OutboxWriter).add(manager, event));
  const duplicatesSeen = async (): Promise<number> => {
    const metric = await app.get(Registry).getSingleMetric('gridwhistle_events_duplicate_total')!.get();
    return metric.values.reduce((sum, v) => sum + v.value, 0);
  };
  const deliverRaw = (value: string, key: string = randomUUID(), headers?: Record<string, string>) =>
    producer.send({ topic: topicName(env.kafka, 'intake'), messages: [{ key, value, headers }] });

  beforeAll(async () => {
    env = await createIsolatedEnvironment([probe]);
    const options = typeOrmOptions({ databaseUrl: env.databaseUrl, db: probe, entities: [], migrations: [] });
    // Migrations run as the schema's owner; the relay and inbox below run as the service role, rows only.
    const setup = await new DataSource(asSchemaOwner(options, env.databaseUrl)).initialize();
    const runner = setup.createQueryRunner();
    await createMessagingTables(runner, 'probe');
    for (const Migration of messagingMigrations('probe')) await new Migration().up(runner);
    await runner.query('CREATE TABLE probe.effects (seq bigserial, event_id uuid NOT NULL, call_size int NOT NULL)');
    // Which session marked outbox rows published, and whether it waited for the WAL flush.
    await runner.query('CREATE TABLE probe.marks (event_id uuid NOT NULL, synchronous_commit text NOT NULL, application_name text NOT NULL)');
    await runner.query(`
      CREATE FUNCTION probe.record_marks() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO probe.marks SELECT id, current_setting('synchronous_commit'), current_setting('application_name') FROM marked;
        RETURN NULL;
      END $$`);
    await runner.query(
      'CREATE TRIGGER record_marks AFTER UPDATE ON probe.outbox REFERENCING NEW TABLE AS marked FOR EACH STATEMENT EXECUTE FUNCTION probe.record_marks()',
    );
    await runner.release();
    await setup.destroy();

    @Module({
      imports: [
        MetricsModule.register('probe'),
        TypeOrmModule.forRoot(options),
        MessagingModule.register({
          service: 'intake',
          schema: 'probe',
          kafka: env.kafka,
          relay: { pollIntervalMs: 200 },
          inbox: { maxAttempts: 2, retryBackoffMs: 10, retentionHours: 1, pruneIntervalMs: 200 },
        }),
      ],
      controllers: [ProbeHandler],
    })
    class ProbeModule {}

    app = await NestFactory.create(ProbeModule, new FastifyAdapter(), { logger: ['error'] });
    connectInbox(app);
    await app.startAllMicroservices();
    await app.init();
    dataSource = app.get(DataSource);
    producer = new Kafka(kafkaConfig(env.kafka)).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    deadLetters = await new TopicReader(env.kafka, 'deadLetter').start();
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await producer?.disconnect();
    await app?.close();
    await env?.dispose();
  });

  it('publishes an event written in a transaction, keyed by its case, and handles it once', async () => {
    const event = reported();
    await writeToOutbox(event);
    await eventually(async () => expect(await effects(event.id)).toBe(1));
    expect(await publishedAt(event.id)).toBeInstanceOf(Date);
  });

  it('marks rows published on the session holding its lock, without waiting for the WAL flush', async () => {
    const event = reported();
    await writeToOutbox(event);
    await eventually(async () => expect(await publishedAt(event.id)).toBeInstanceOf(Date));
    expect(await dataSource.query('SELECT synchronous_commit, application_name FROM probe.marks WHERE event_id = $1', [event.id])).toEqual([
      { synchronous_commit: 'off', application_name: 'outbox-relay-probe' },
    ]);
  });

  it('marks each batch with the read of the next one, and the last one when it stops', async () => {
    const relay = app.get(OutboxRelay);
    await relay.stop();
    let sent!: () => void;
    const published = new Promise<void>((resolve) => (sent = resolve));
    const stopping = new OutboxRelay(
      dataSource,
      { sendBatch: (batch: Parameters<Producer['sendBatch']>[0]) => producer.sendBatch(batch).finally(sent) } as unknown as Producer,
      env.kafka,
      { schema: 'probe', batchSize: 100, pollIntervalMs: 200, retentionHours: 1 },
      new Registry(),
    );
    const first = reported();
    try {
      await stopping.start();
      await writeToOutbox(first);
      await published;
      // Stopped right after publishing: the mark that waited for the next read is made on stopping.
      await stopping.stop();
      expect(await publishedAt(first.id)).toBeInstanceOf(Date);
    } finally {
      await stopping.stop();
      await relay.start();
    }
    const events = Array.from({ length: 20 }, () => reported());
    for (const event of events) await writeToOutbox(event);
    for (const event of events) await eventually(async () => expect(await publishedAt(event.id)).toBeInstanceOf(Date));
    const marks: { n: number }[] = await dataSource.query('SELECT count(*)::int AS n FROM probe.marks WHERE event_id = ANY($1::uuid[])', [
      events.map((event) => event.id),
    ]);
    expect(marks).toEqual([{ n: events.length }]); // each row marked once
  });

  it('commits the consumed offsets within a second of handling, also when the partition goes quiet', async () => {
    const event = reported();
    await writeToOutbox(event);
    await eventually(async () => expect(await effects(event.id)).toBe(1));
    const admin = new Kafka(kafkaConfig(env.kafka)).admin();
    await admin.connect();
    try {
      const topic = topicName(env.kafka, 'intake');
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
      await eventually(async () => {
        const [committed] = await admin.fetchOffsets({ groupId: `${env.kafka.namespace}.intake`, topics: [topic] });
        for (const { partition, offset } of committed.partitions) {
          if (ends.get(partition) !== '0') expect({ partition, offset }).toEqual({ partition, offset: ends.get(partition) });
        }
      });
    } finally {
      await admin.disconnect();
    }
  });

  it('hands a batch to the handler in one call, in partition order', async () => {
    const caseId = randomUUID(); // one case: one partition, so one ordered batch
    const events = Array.from({ length: 50 }, (_, n) => ({ ...reported(`第${n}次`), caseId }));
    await dataSource.transaction((manager) => app.get(OutboxWriter).add(manager, ...events));
    const handled: { event_id: string; call_size: number }[] = await eventually(async () => {
      const rows = await dataSource.query('SELECT event_id, call_size FROM probe.effects WHERE event_id = ANY($1) ORDER BY seq', [events.map((e) => e.id)]);
      expect(rows).toHaveLength(50);
      return rows;
    });
    expect(handled.map((row) => row.event_id)).toEqual(events.map((e) => e.id));
    expect(Math.max(...handled.map((row) => row.call_size))).toBeGreaterThan(1);
  });

  it('handles the batches of many partitions in one shared transaction', async () => {
    // 40 cases over 12 partitions: no partition holds more than a few of them.
    const events = Array.from({ length: 40 }, () => reported());
    await dataSource.transaction((manager) => app.get(OutboxWriter).add(manager, ...events));
    const sizes: number[] = await eventually(async () => {
      const rows = await dataSource.query('SELECT call_size FROM probe.effects WHERE event_id = ANY($1)', [events.map((e) => e.id)]);
      expect(rows).toHaveLength(40);
      return rows.map((row: { call_size: number }) => row.call_size);
    });
    expect(Math.max(...sizes)).toBeGreaterThan(12);
  });

  it('forgets handled event ids once they are older than the retention, and only those', async () => {
    const [old, recent] = [randomUUID(), randomUUID()];
    await dataSource.query(
      `INSERT INTO probe.inbox (event_id, type, handled_at) VALUES ($1, 'case.reported', now() - interval '2 hours'), ($2, 'case.reported', now())`,
      [old, recent],
    );
    const kept = async (id: string) => (await dataSource.query('SELECT 1 FROM probe.inbox WHERE event_id = $1', [id])).length;
    await eventually(async () => expect(await kept(old)).toBe(0));
    expect(await kept(recent)).toBe(1);
  });

  it('refuses to publish an event that breaks its contract when asked to validate contracts, and rolls back with it', async () => {
    const validating = new OutboxWriter('probe', { validateContracts: true });
    const broken = { ...reported(), payload: { categoryCode: 'NOT A CODE' } } as unknown as EventEnvelope;
    await expect(dataSource.transaction((manager) => validating.add(manager, broken))).rejects.toThrow(
      /invalid event: .*payload: categoryCode must match/,
    );
    expect(await dataSource.query('SELECT 1 FROM probe.outbox WHERE id = $1', [broken.id])).toEqual([]);
  });

  it("refuses, even without validating contracts, an event of a type or version the catalog does not know", async () => {
    const unknownType = { ...reported(), type: 'case.teleported' } as unknown as EventEnvelope;
    const unknownVersion = { ...reported(), version: 9 } as unknown as EventEnvelope;
    await expect(writeToOutbox(unknownType)).rejects.toThrow(/not case.teleported v\d/);
    await expect(writeToOutbox(unknownVersion)).rejects.toThrow(/not case.reported v9/);
    const written = await dataSource.query('SELECT 1 FROM probe.outbox WHERE id = ANY($1::uuid[])', [[unknownType.id, unknownVersion.id]]);
    expect(written).toEqual([]);
  });

  it('gives an event delivered twice exactly one effect', async () => {
    const event = reported();
    await writeToOutbox(event);
    await eventually(async () => expect(await effects(event.id)).toBe(1));
    const before = await duplicatesSeen();
    await deliverRaw(JSON.stringify(event));
    await eventually(async () => expect(await duplicatesSeen()).toBe(before + 1));
    expect(await effects(event.id)).toBe(1);
  });

  it('publishes after a restart what was written while the relay was down or crashed mid-batch', async () => {
    const relay = app.get(OutboxRelay);
    await relay.stop();
    const relayOptions = { schema: 'probe', batchSize: 100, pollIntervalMs: 200, retentionHours: 1 };

    // Written while no relay runs: nothing is lost, it waits in the outbox.
    const event = reported();
    await writeToOutbox(event);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await publishedAt(event.id)).toBeNull();
    expect(await effects(event.id)).toBe(0);

    // A relay that dies right after Kafka acknowledged the batch, before marking it published.
    const crashing = new OutboxRelay(
      dataSource,
      {
        sendBatch: async (batch: Parameters<Producer['sendBatch']>[0]) => {
          await producer.sendBatch(batch);
          throw new Error('process killed after the broker acknowledged');
        },
      } as unknown as Producer,
      env.kafka,
      relayOptions,
      new Registry(),
    );
    await crashing.start();
    await eventually(async () => expect(await effects(event.id)).toBe(1));
    await crashing.stop();
    expect(await publishedAt(event.id)).toBeNull();

    // The restarted relay publishes the batch again; the inbox turns the second delivery into nothing.
    const before = await duplicatesSeen();
    const restarted = new OutboxRelay(dataSource, producer, env.kafka, relayOptions, new Registry());
    await restarted.start();
    try {
      await eventually(async () => expect(await publishedAt(event.id)).toBeInstanceOf(Date));
      await eventually(async () => expect(await duplicatesSeen()).toBe(before + 1));
      expect(await effects(event.id)).toBe(1);
    } finally {
      await restarted.stop();
      await relay.start();
    }
  });

  it('parks poison messages on the dead-letter topic with the reason and keeps the partition moving', async () => {
    const failing = reported(POISON);
    // The same case, so the same partition: one event ahead of the poison in its batch, one behind.
    const ahead = { ...reported(), caseId: failing.caseId };
    const behind = { ...reported(), caseId: failing.caseId };
    await deliverRaw('this is not json');
    await deliverRaw(JSON.stringify({ ...reported(), payload: { categoryCode: 'NOT A CODE' } }));
    await dataSource.transaction((manager) => app.get(OutboxWriter).add(manager, ahead, failing, behind));

    await eventually(async () => expect(await effects(behind.id)).toBe(1));
    expect(await effects(ahead.id)).toBe(1);
    const reasons = await eventually(() => {
      expect(deadLetters.messages).toHaveLength(3);
      return deadLetters.messages.map((m) => m.headers['dead-letter-reason']);
    });
    expect(reasons).toEqual(
      expect.arrayContaining([
        'invalid event: value is not JSON',
        expect.stringMatching(/^invalid event: .*categoryCode/),
        'handler failed 2 times: Error: boom',
      ]),
    );
    const parked = deadLetters.messages.find((m) => m.headers['dead-letter-reason'].startsWith('handler failed'))!;
    expect(JSON.parse(parked.value!).id).toBe(failing.id);
    expect(parked.headers['source-topic']).toBe(topicName(env.kafka, 'intake'));
    expect(await effects(failing.id)).toBe(0);
  });

  it('passes over, unparsed, an event whose event-type header names a type it has no handler for', async () => {
    const lettersBefore = deadLetters.messages.length;
    const next = reported();
    // Not for this service by its header: even a body that breaks every contract is not its to dead-letter.
    await deliverRaw('not json, and not for the probe', next.caseId, { 'event-type': 'case.dispatched' });
    await deliverRaw(JSON.stringify(next), next.caseId, { 'event-type': 'case.reported' });
    await eventually(async () => expect(await effects(next.id)).toBe(1));
    expect(deadLetters.messages.slice(lettersBefore)).toEqual([]);
  });

  it('holds events back while the database is away, and handles each once it is back, dead-lettering none', async () => {
    const lettersBefore = deadLetters.messages.length;
    const events = Array.from({ length: 20 }, () => reported());
    const bringBack = await takeDatabaseAway(env.databaseUrl);
    try {
      await Promise.all(events.map((event) => deliverRaw(JSON.stringify(event))));
      await new Promise((resolve) => setTimeout(resolve, 2000)); // many more attempts than maxAttempts
    } finally {
      await bringBack();
    }
    for (const event of events) await eventually(async () => expect(await effects(event.id)).toBe(1));
    expect(deadLetters.messages.slice(lettersBefore)).toEqual([]);
  });
});
