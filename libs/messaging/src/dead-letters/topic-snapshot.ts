import { randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage } from 'kafkajs';

export interface SnapshotMessage {
  partition: number;
  message: KafkaMessage;
}

const POLL_MS = 100;
const TIMEOUT_MS = 60_000;

/**
 * Every committed message a topic holds now, read by a throw-away consumer group. The end is
 * where the group's committed offsets reach the high watermarks taken at the start: offsets
 * count transaction markers too, which a read_committed consumer never hands over.
 */
export async function readTopicToEnd(kafka: Kafka, topic: string): Promise<SnapshotMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${topic}.reader.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId });
  try {
    const ends = (await admin.fetchTopicOffsets(topic)).filter(({ high, low }) => Number(high) > Number(low));
    if (ends.length === 0) return [];
    const messages: SnapshotMessage[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommitThreshold: 1, eachMessage: async ({ partition, message }) => void messages.push({ partition, message }) });
    const deadline = Date.now() + TIMEOUT_MS;
    while (!(await reachedEnds(admin, groupId, topic, ends))) {
      if (Date.now() > deadline) throw new Error(`could not read ${topic} to its end within ${TIMEOUT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return messages.sort((a, b) => a.partition - b.partition || Number(a.message.offset) - Number(b.message.offset));
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined); // the group is gone with its last member's offsets anyway
    await admin.disconnect();
  }
}

async function reachedEnds(
  admin: ReturnType<Kafka['admin']>,
  groupId: string,
  topic: string,
  ends: { partition: number; high: string }[],
): Promise<boolean> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const at = new Map(committed.partitions.map(({ partition, offset }) => [partition, Number(offset)]));
  return ends.every(({ partition, high }) => (at.get(partition) ?? -1) >= Number(high));
}
