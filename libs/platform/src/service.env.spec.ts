import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidEnvironmentError, ServiceEnv, loadEnv } from './service.env';

class TestEnv extends ServiceEnv {
  override PORT = 3999;
}

const LOCAL = { GRIDWHISTLE_PROFILE: 'local' };
/** What a production deployment sets: its own database password and a way to protect /metrics. */
const PRODUCTION = { DB_PASSWORD: 'a-password-of-our-own', METRICS_TOKEN: 'a-token-of-sixteen-chars' };

describe('service environment', () => {
  it('works with nothing but the local profile set: the defaults are the local stack', () => {
    const env = loadEnv(TestEnv, LOCAL);
    expect(env).toMatchObject({ PORT: 3999, KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_NAMESPACE: 'gridwhistle' });
    expect(env.kafka('intake')).toEqual({
      brokers: ['127.0.0.1:9092'],
      namespace: 'gridwhistle',
      clientId: 'gridwhistle-intake',
      security: {},
      topics: { replicationFactor: 1, minInsyncReplicas: 1, retentionHours: 168 },
    });
  });

  it('reads and converts what is set, treating empty as unset', () => {
    const env = loadEnv(TestEnv, { ...LOCAL, PORT: '4000', KAFKA_BROKERS: 'a:1,b:2', LOG_FORMAT: '', METRICS_PORT: '9464' });
    expect(env.PORT).toBe(4000);
    expect(env.kafka('routing').brokers).toEqual(['a:1', 'b:2']);
    expect(env.LOG_FORMAT).toBe('text');
    expect(env.METRICS_PORT).toBe(9464);
  });

  it('refuses to start with one clear line per bad variable', () => {
    const attempt = () =>
      loadEnv(TestEnv, { ...LOCAL, PORT: 'eighty', KAFKA_BROKERS: 'nohost', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud', GRIDWHISTLE_PROFILE: 'dev' });
    expect(attempt).toThrow(InvalidEnvironmentError);
    expect(attempt).toThrow(/KAFKA_BROKERS must be host:port/);
    expect(attempt).toThrow(/DATABASE_URL must be postgres:\/\/user@host:port\/database/);
    expect(attempt).toThrow(/PORT must be an integer/);
    expect(attempt).toThrow(/LOG_LEVEL must be one of/);
    expect(attempt).toThrow(/GRIDWHISTLE_PROFILE must be local or production/);
  });

  describe('outside the local profile (production is the default)', () => {
    it('refuses to start without a database password of its own', () => {
      expect(() => loadEnv(TestEnv, { METRICS_TOKEN: PRODUCTION.METRICS_TOKEN })).toThrow(
        /DB_PASSWORD must be set to the service role's own password[^]*GRIDWHISTLE_PROFILE is production unless set/,
      );
      expect(() => loadEnv(TestEnv, { ...PRODUCTION, DB_PASSWORD: 'gw_intake_local' })).toThrow(/DB_PASSWORD must be set/);
      expect(() => loadEnv(TestEnv, { ...PRODUCTION, GRIDWHISTLE_PROFILE: 'production', DB_PASSWORD: undefined })).toThrow(/DB_PASSWORD/);
    });

    it('refuses to start with /metrics open: it needs its own port or a token', () => {
      const open = () => loadEnv(TestEnv, { DB_PASSWORD: PRODUCTION.DB_PASSWORD });
      expect(open).toThrow(/METRICS_PORT or METRICS_TOKEN must be set/);
      expect(loadEnv(TestEnv, { DB_PASSWORD: PRODUCTION.DB_PASSWORD, METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
      expect(() => loadEnv(TestEnv, { ...PRODUCTION, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 16 characters/);
    });

    it('starts with its own secrets, and NODE_ENV decides nothing', () => {
      expect(loadEnv(TestEnv, PRODUCTION).GRIDWHISTLE_PROFILE).toBe('production');
      expect(() => loadEnv(TestEnv, { NODE_ENV: 'development' })).toThrow(/DB_PASSWORD must be set/);
    });
  });

  describe('Kafka in production', () => {
    const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const caFile = join(mkdtempSync(join(tmpdir(), 'gw-kafka-')), 'ca.pem');
    writeFileSync(caFile, ca);

    it('reaches the brokers over TLS with SASL, and provisions durable topics', () => {
      const env = loadEnv(TestEnv, {
        ...PRODUCTION,
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: caFile,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'gw_intake',
        KAFKA_SASL_PASSWORD: 's3cret-pass',
        KAFKA_REPLICATION_FACTOR: '3',
        KAFKA_MIN_INSYNC_REPLICAS: '2',
        KAFKA_RETENTION_HOURS: '720',
      });
      expect(env.kafka('intake')).toMatchObject({
        security: { ssl: { ca }, sasl: { mechanism: 'scram-sha-512', username: 'gw_intake', password: 's3cret-pass' } },
        topics: { replicationFactor: 3, minInsyncReplicas: 2, retentionHours: 720 },
      });
      expect(loadEnv(TestEnv, { ...PRODUCTION, KAFKA_SSL: 'true' }).kafka('intake').security).toEqual({ ssl: {} });
      expect(loadEnv(TestEnv, { ...PRODUCTION, KAFKA_SSL: 'false' }).kafka('intake').security).toEqual({});
    });

    it.each([
      [{ KAFKA_SASL_MECHANISM: 'plain' }, /KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM/],
      [{ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'gw' }, /KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM/],
      [{ KAFKA_SASL_USERNAME: 'gw', KAFKA_SASL_PASSWORD: 'pw' }, /KAFKA_SASL_MECHANISM must be one of plain, scram-sha-256, scram-sha-512/],
      [{ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'gw', KAFKA_SASL_PASSWORD: 'pw' }, /KAFKA_SASL_MECHANISM must be one of/],
      [{ KAFKA_REPLICATION_FACTOR: '1', KAFKA_MIN_INSYNC_REPLICAS: '2' }, /KAFKA_MIN_INSYNC_REPLICAS must not exceed KAFKA_REPLICATION_FACTOR/],
      [{ KAFKA_REPLICATION_FACTOR: '0' }, /KAFKA_REPLICATION_FACTOR must not be less than 1/],
      [{ KAFKA_RETENTION_HOURS: 'a week' }, /KAFKA_RETENTION_HOURS must be an integer/],
      [{ KAFKA_SSL: 'yes' }, /KAFKA_SSL must be true or false/],
      [{ KAFKA_SSL: 'true', KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' }, /KAFKA_SSL_CA_FILE must be a readable PEM file/],
      [{ KAFKA_SSL_CA_FILE: caFile }, /KAFKA_SSL_CA_FILE must be a readable PEM file, and goes with KAFKA_SSL=true/],
    ])('refuses %p', (variables, message) => {
      expect(() => loadEnv(TestEnv, variables)).toThrow(message);
    });
  });
});
