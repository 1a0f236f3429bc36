import { Admin, Kafka } from 'kafkajs';
import { TOPICS, TopicKey } from '@gridwhistle/contracts';
import { KafkaSettings, kafkaConfig, topicName } from './kafka.settings';

/** Creates every topic of the catalog with its explicit partition count; existing ones are kept. */
export async function provisionTopics(settings: KafkaSettings): Promise<string[]> {
  const admin = new Kafka(kafkaConfig(settings)).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = (Object.keys(TOPICS) as TopicKey[])
      .map((key) => ({ topic: topicName(settings, key), numPartitions: TOPICS[key].partitions }))
      .filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: 1 })), waitForLeaders: false });
      await untilLeadersElected(admin, missing.map((t) => t.topic));
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

/** Deletes a namespace's topics (test runs clean up after themselves). */
export async function deleteTopics(settings: KafkaSettings): Promise<void> {
  const admin = new Kafka(kafkaConfig(settings)).admin();
  await admin.connect();
  try {
    const ours = (await admin.listTopics()).filter((t) => t.startsWith(`${settings.namespace}.`));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours });
  } finally {
    await admin.disconnect();
  }
}

/** A broker that has just started may take a moment before every new partition has a leader. */
async function untilLeadersElected(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      if (metadata.every((topic) => topic.partitions.every((partition) => partition.leader >= 0))) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`partitions of ${topics.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
