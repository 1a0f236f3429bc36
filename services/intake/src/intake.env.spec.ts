import { loadEnv } from '@gridwhistle/platform';
import { IntakeEnv } from './intake.env';

describe('intake environment', () => {
  it('runs locally with the development key', () => {
    expect(loadEnv(IntakeEnv, {}).PORT).toBe(3001);
  });

  it('refuses to run in production with the development key, and accepts an own key', () => {
    expect(() => loadEnv(IntakeEnv, { NODE_ENV: 'production' })).toThrow(/PII_ENCRYPTION_KEY must be a key of your own/);
    const own = Buffer.alloc(32, 7).toString('base64');
    expect(loadEnv(IntakeEnv, { NODE_ENV: 'production', PII_ENCRYPTION_KEY: own }).PII_ENCRYPTION_KEY).toBe(own);
    expect(() => loadEnv(IntakeEnv, { PII_ENCRYPTION_KEY: 'short' })).toThrow(/32 bytes in base64/);
  });
});
