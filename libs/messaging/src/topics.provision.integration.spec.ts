import { randomBytes } from 'node:crypto';
import { ConfigResourceTypes, ConfigSource, Kafka } from 'kafkajs';
import { TOPICS } from '@gridwhistle/contracts';
import { eventually } from '@gridwhistle/testing';
import { KafkaSettings, kafkaConfig } from './kafka.settings';
import { deleteTopics, provisionTopics } from './topics.provision';

/** Topics carry the configured retention and minimum in-sync replicas as their own settings. */
describe('topic provisioning on a real broker', () => {
  const settings: KafkaSettings = {
    brokers: process.env.KAFKA_BROKERS!.split(','),
    namespace: `tprov${randomBytes(3).toString('hex')}`,
    clientId: 'provision-test',
    topics: { replicationFactor: 1, minInsyncReplicas: 1, retentionHours: 30 },
  };
  const admin = new Kafka(kafkaConfig(settings)).admin();

  /** Each topic's retention.ms and min.insync.replicas, and whether the topic itself sets them. */
  const configs = async (topics: string[]) => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms', 'min.insync.replicas'] })),
    });
    return resources.map((resource) => ({
      topic: resource.resourceName,
      ...Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, [entry.configValue, entry.configSource === ConfigSource.TOPIC_CONFIG]])),
    }));
  };

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.disconnect();
    await deleteTopics(settings);
  });

  it('creates every topic with the configured retention and minimum in-sync replicas, and sets them again on existing topics', async () => {
    const created = await provisionTopics(settings);
    expect(created).toHaveLength(Object.keys(TOPICS).length);
    const expected = (hours: number) => created.map((topic) => ({ topic, 'retention.ms': [String(hours * 3_600_000), true], 'min.insync.replicas': ['1', true] }));
    expect(await configs(created)).toEqual(expect.arrayContaining(expected(30)));

    expect(await provisionTopics({ ...settings, topics: { ...settings.topics!, retentionHours: 48 } })).toEqual([]);
    // The broker applies a configuration change a moment after acknowledging it.
    await eventually(async () => expect(await configs(created)).toEqual(expect.arrayContaining(expected(48))), 5000);
  });
});
