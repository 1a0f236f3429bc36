import { EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { INBOX_CONSUMER_CONFIG, KafkaSettings, PRODUCER_CONFIG, kafkaConfig } from '@gridwhistle/messaging';
import { FixedRateSchedule, runOpenLoop } from './open-loop.schedule';
import { Percentiles, percentiles } from './percentiles';
import { sampleEnvelope } from './raw.sample';

const PARTITIONS = 12;
/** The outbox relay's batch size. */
const BATCH = 500;

export interface KafkaCeiling {
  msgsPerS: number;
  rttMs: Percentiles;
  /** The producer's part of the round trip: from send() to the broker's acknowledgement. */
  ackMs: Percentiles;
}

/**
 * The machine's ceiling for the system's messaging, with the project's own kafkajs settings:
 * pass-through messages/s on a scratch topic of 12 partitions (one producer sending batches
 * one after the other as the outbox relay does, one consumer in batches as the inbox does),
 * then the round trip of single messages sent at `rttRate` per second. The scratch topic and
 * its consumer group are deleted afterwards.
 */
export async function kafkaCeiling(settings: KafkaSettings, seconds: number, rttRate = 200): Promise<KafkaCeiling> {
  const kafka = new Kafka(kafkaConfig({ ...settings, clientId: `${settings.clientId}-ceiling` }));
  const topic = `${settings.namespace}.bench.scratch`;
  const groupId = `${settings.namespace}.bench-ceiling`;
  const admin = kafka.admin();
  await admin.connect();
  // The producer and consumer as MessagingModule and InboxServer configure them.
  const producer = kafka.producer(PRODUCER_CONFIG);
  const consumer = kafka.consumer({ ...INBOX_CONSUMER_CONFIG, groupId });
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }], waitForLeaders: true });
    const sink = new Sink();
    await Promise.all([producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    await consumer.run({ partitionsConsumedConcurrently: PARTITIONS, eachBatch: (payload) => sink.take(payload) });
    const stuck = new Promise((_, reject) => setTimeout(() => reject(new Error('the Kafka ceiling\u2019s consumer joined no group in 30 s')), 30_000).unref());
    await Promise.race([joined, stuck]);
    const msgsPerS = await passThrough(producer, topic, sink, seconds);
    return { msgsPerS, ...(await roundTrips(producer, topic, sink, seconds, rttRate)) };
  } finally {
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Counts what the consumer receives, and the moment each round-trip message arrives. */
class Sink {
  received = 0;
  lastAt = 0;
  readonly arrivals = new Map<number, number>();

  async take({ batch }: EachBatchPayload): Promise<void> {
    const now = performance.now();
    for (const message of batch.messages) {
      const rtt = message.headers?.rtt;
      if (rtt !== undefined) this.arrivals.set(Number(rtt.toString()), now);
      else this.received++;
    }
    this.lastAt = now;
  }

  async until(done: () => boolean, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > deadline) throw new Error('the Kafka ceiling\u2019s consumer fell silent');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

async function passThrough(producer: Producer, topic: string, sink: Sink, seconds: number): Promise<number> {
  const value = sampleEnvelope();
  let sent = 0;
  const began = performance.now();
  while (performance.now() - began < seconds * 1000) {
    const messages = Array.from({ length: BATCH }, (_, i) => ({ key: String(sent + i), value, headers: { 'event-type': 'case.reported' } }));
    await producer.sendBatch({ acks: -1, topicMessages: [{ topic, messages }] });
    sent += BATCH;
  }
  await sink.until(() => sink.received >= sent);
  return sent / ((sink.lastAt - began) / 1000);
}

/** Single messages at a fixed rate, each sent when due whether or not the one before was acknowledged. */
async function roundTrips(producer: Producer, topic: string, sink: Sink, seconds: number, rate: number) {
  const value = sampleEnvelope();
  const schedule = new FixedRateSchedule(rate, seconds * 1000);
  const sentAt = new Float64Array(schedule.total);
  const acks: Promise<number>[] = [];
  await runOpenLoop(schedule, (i) => {
    const sent = (sentAt[i] = performance.now());
    const message = { key: String(i), value, headers: { rtt: String(i) } };
    acks.push(producer.send({ topic, acks: -1, messages: [message] }).then(() => performance.now() - sent));
  });
  const ackMs = percentiles(await Promise.all(acks));
  await sink.until(() => sink.arrivals.size >= schedule.total);
  return { rttMs: percentiles([...sink.arrivals].map(([i, at]) => at - sentAt[i])), ackMs };
}
