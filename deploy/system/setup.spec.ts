import { kafkaFromEnv } from './setup';

describe('kafkaFromEnv', () => {
  it('gives setup the Kafka settings the services read from the same variables', () => {
    expect(kafkaFromEnv({ KAFKA_NAMESPACE: 'city', KAFKA_REPLICATION_FACTOR: '3', KAFKA_MIN_INSYNC_REPLICAS: '2', KAFKA_RETENTION_HOURS: '336' })).toMatchObject({
      brokers: ['127.0.0.1:9092'],
      namespace: 'city',
      clientId: 'gridwhistle-setup',
      topics: { replicationFactor: 3, minInsyncReplicas: 2, retentionHours: 336 },
    });
  });

  it('refuses what a service would refuse', () => {
    expect(() => kafkaFromEnv({ KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '2' })).toThrow(/KAFKA_MIN_INSYNC_REPLICAS must not exceed/);
  });
});
