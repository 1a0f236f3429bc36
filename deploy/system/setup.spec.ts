import { kafkaFromEnv, rolePasswords, toolEnv } from './setup';

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
describe('the passwords setup creates missing service roles with', () => {
  it('are DB_PASSWORD_<SERVICE>, else the development default in the local profile only', () => {
    const env = { DB_PASSWORD_INTAKE: 'intake-secret', DB_PASSWORD_ROUTING: '' };
    expect(rolePasswords(env, 'local')).toEqual({
      intake: 'intake-secret',
      routing: 'gw_routing_local',
      department: 'gw_department_local',
      feedback: 'gw_feedback_local',
    });
    expect(rolePasswords(env, 'production')).toEqual({ intake: 'intake-secret', routing: undefined, department: undefined, feedback: undefined });
  });

  it('reads the profile as the services do, production unless set, without asking setup for secrets of a service', () => {
    expect(toolEnv({}).GRIDWHISTLE_PROFILE).toBe('production');
    expect(toolEnv({ GRIDWHISTLE_PROFILE: 'local' }).GRIDWHISTLE_PROFILE).toBe('local');
    expect(() => toolEnv({ GRIDWHISTLE_PROFILE: 'staging' })).toThrow(/GRIDWHISTLE_PROFILE must be local or production/);
  });
});
