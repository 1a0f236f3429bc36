import { loadEnv } from '@gridwhistle/platform';
import { IntakeEnv } from './intake.env';

describe('intake environment', () => {
  const linkKey = Buffer.alloc(32, 9).toString('base64');
  const production = { DB_PASSWORD: 'a-password-of-our-own', METRICS_PORT: '9464', FEEDBACK_LINK_KEY: linkKey, RESIDENT_NOTIFIER: 'webhook', SMS_WEBHOOK_URL: 'https://sms.example.gov.cn/send' };
  const own = Buffer.alloc(32, 7).toString('base64');

  it('runs in the local profile with the development key', () => {
    expect(loadEnv(IntakeEnv, { GRIDWHISTLE_PROFILE: 'local' }).PORT).toBe(3001);
  });

  it('refuses the development key unless the local profile is explicit, and accepts an own key', () => {
    expect(() => loadEnv(IntakeEnv, production)).toThrow(/PII_ENCRYPTION_KEY must be a key of your own/);
    expect(() => loadEnv(IntakeEnv, { ...production, NODE_ENV: 'development' })).toThrow(/PII_ENCRYPTION_KEY must be a key of your own/);
    expect(loadEnv(IntakeEnv, { ...production, PII_ENCRYPTION_KEY: own }).PII_ENCRYPTION_KEY).toBe(own);
    expect(() => loadEnv(IntakeEnv, { GRIDWHISTLE_PROFILE: 'local', PII_ENCRYPTION_KEY: 'short' })).toThrow(/32 bytes in base64/);
  });

  it('names every development default it refuses at once', () => {
    const attempt = () => loadEnv(IntakeEnv, {});
    expect(attempt).toThrow(/PII_ENCRYPTION_KEY must be a key of your own/);
    expect(attempt).toThrow(/DB_PASSWORD must be set/);
    expect(attempt).toThrow(/METRICS_PORT or METRICS_TOKEN must be set/);
    expect(attempt).toThrow(/FEEDBACK_LINK_KEY must be a key of your own/);
    expect(attempt).toThrow(/RESIDENT_NOTIFIER must be webhook/);
  });

  it('asks for the SMS gateway with the webhook notifier', () => {
    expect(() => loadEnv(IntakeEnv, { GRIDWHISTLE_PROFILE: 'local', RESIDENT_NOTIFIER: 'webhook' })).toThrow(/SMS_WEBHOOK_URL must be an http\(s\) URL/);
  });
});
