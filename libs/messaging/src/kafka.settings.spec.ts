import { inboxRetentionHours, kafkaConfig } from './kafka.settings';

describe('kafkaConfig', () => {
  const base = { brokers: ['kafka-1:9093'], namespace: 'gridwhistle', clientId: 'gridwhistle-intake' };

  it('talks plaintext without authentication to the local broker', () => {
    const config = kafkaConfig(base);
    expect(config).toMatchObject({ clientId: 'gridwhistle-intake', brokers: ['kafka-1:9093'] });
    expect(config.ssl).toBeUndefined();
    expect(config.sasl).toBeUndefined();
  });

  it('uses TLS, with the given CA when there is one, and SASL with the given mechanism', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(kafkaConfig({ ...base, security: { ssl: {} } }).ssl).toBe(true);
    const config = kafkaConfig({
      ...base,
      security: { ssl: { ca }, sasl: { mechanism: 'scram-sha-512', username: 'gw_intake', password: 's3cret-pass' } },
    });
    expect(config.ssl).toEqual({ ca: [ca] });
    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'gw_intake', password: 's3cret-pass' });
  });
});

describe('inboxRetentionHours', () => {
  it('outlasts the topics’ retention by a day, the default one included', () => {
    expect(inboxRetentionHours({})).toBe(168 + 24);
    expect(inboxRetentionHours({ topics: { replicationFactor: 3, minInsyncReplicas: 2, retentionHours: 720 } })).toBe(744);
  });
});
