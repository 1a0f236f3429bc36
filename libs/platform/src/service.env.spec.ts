import { InvalidEnvironmentError, ServiceEnv, loadEnv } from './service.env';

class TestEnv extends ServiceEnv {
  override PORT = 3999;
}

describe('service environment', () => {
  it('works with nothing set: the defaults are the local stack', () => {
    const env = loadEnv(TestEnv, {});
    expect(env).toMatchObject({ PORT: 3999, KAFKA_BROKERS: '127.0.0.1:9092', KAFKA_NAMESPACE: 'gridwhistle' });
    expect(env.kafka('intake')).toEqual({ brokers: ['127.0.0.1:9092'], namespace: 'gridwhistle', clientId: 'gridwhistle-intake' });
  });

  it('reads and converts what is set, treating empty as unset', () => {
    const env = loadEnv(TestEnv, { PORT: '4000', KAFKA_BROKERS: 'a:1,b:2', LOG_FORMAT: '' });
    expect(env.PORT).toBe(4000);
    expect(env.kafka('routing').brokers).toEqual(['a:1', 'b:2']);
    expect(env.LOG_FORMAT).toBe('text');
  });

  it('refuses to start with one clear line per bad variable', () => {
    const attempt = () => loadEnv(TestEnv, { PORT: 'eighty', KAFKA_BROKERS: 'nohost', DATABASE_URL: 'mysql://x/y', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(InvalidEnvironmentError);
    expect(attempt).toThrow(/KAFKA_BROKERS must be host:port/);
    expect(attempt).toThrow(/DATABASE_URL must be postgres:\/\/user@host:port\/database/);
    expect(attempt).toThrow(/PORT must be an integer/);
    expect(attempt).toThrow(/LOG_LEVEL must be one of/);
  });
});
