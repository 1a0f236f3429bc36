import { DepartmentEnv } from '../department.env';
import { parseRetrySchedule } from './webhook-retry.schedule';

/** The webhook part of the environment, read once. */
export class WebhookSettings {
  constructor(
    readonly secretsKey: string,
    readonly retryDelays: number[],
    readonly disableAfterMs: number,
    readonly timeoutMs: number,
    readonly pollMs: number,
    /** Production delivers over HTTPS only; the local profile allows http for development receivers. */
    readonly httpsOnly: boolean,
  ) {}

  static of(env: DepartmentEnv): WebhookSettings {
    return new WebhookSettings(
      env.WEBHOOK_SECRETS_KEY,
      parseRetrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
      env.WEBHOOK_DISABLE_AFTER_DAYS * 24 * 3600 * 1000,
      env.WEBHOOK_TIMEOUT_MS,
      env.WEBHOOK_POLL_MS,
      env.GRIDWHISTLE_PROFILE === 'production',
    );
  }
}

/** The time the delivery worker goes by; a test may move it on to see days pass. */
export class WebhookClock {
  now(): Date {
    return new Date();
  }
}
