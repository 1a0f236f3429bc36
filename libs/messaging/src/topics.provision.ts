import { Admin, ConfigResourceTypes, Kafka } from 'kafkajs';
import { TOPICS, TopicKey } from '@gridwhistle/contracts';
import { DEFAULT_TOPIC_SETTINGS, KafkaSettings, TopicSettings, kafkaConfig, topicName } from './kafka.settings';

const HOUR_MS = 3_600_000;

/**
 * Creates every topic of the catalog with its explicit partition count, replication factor,
 * retention and minimum in-sync replicas. Existing topics keep their partitions and replicas
 * but are given the configured retention and minimum in-sync replicas again, so that a
 * changed setting takes effect on the next setup.
 */
export async function provisionTopics(settings: KafkaSettings): Promise<string[]> {
  const admin = new Kafka(kafkaConfig(settings)).admin();
  await admin.connect();
  try {
    const topics = settings.topics ?? DEFAULT_TOPIC_SETTINGS;
    const existing = new Set(await admin.listTopics());
    const all = (Object.keys(TOPICS) as TopicKey[]).map((key) => ({ key, topic: topicName(settings, key), numPartitions: TOPICS[key].partitions }));
    const missing = all.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map(({ key, topic, numPartitions }) => ({ topic, numPartitions, replicationFactor: topics.replicationFactor, configEntries: topicConfig(topics, key) })),
        waitForLeaders: false,
      });
      await untilLeadersElected(admin, missing.map((t) => t.topic));
    }
    const kept = all.filter(({ topic }) => existing.has(topic));
    if (kept.length > 0) {
      // Sets the topics' configuration as a whole: these are the only settings we keep on them.
      await admin.alterConfigs({ validateOnly: false, resources: kept.map(({ key, topic }) => ({ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: topicConfig(topics, key) })) });
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

/** A dead letter is the event it parks plus a few headers: its topic takes a little more than the broker's default. */
const DEAD_LETTER_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

function topicConfig(topics: TopicSettings, key: TopicKey): { name: string; value: string }[] {
  return [
    { name: 'retention.ms', value: String(topics.retentionHours * HOUR_MS) },
    { name: 'min.insync.replicas', value: String(topics.minInsyncReplicas) },
    ...(key === 'deadLetter' ? [{ name: 'max.message.bytes', value: String(DEAD_LETTER_MAX_MESSAGE_BYTES) }] : []),
  ];
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
