import { IsInt, Matches, Max, Min } from 'class-validator';
import { ServiceEnv } from '@gridwhistle/platform';
import { RETRY_SCHEDULE_PATTERN, parseRetrySchedule, spanOf } from './webhooks/webhook-retry.schedule';

/** For local use only: anyone can read it here. */
const LOCAL_WEBHOOK_SECRETS_KEY = 'bG9jYWwtd2ViaG9vay1rZXktbm90LWEtc2VjcmV0ISE=';
const DAY_MS = 24 * 3600 * 1000;

export class DepartmentEnv extends ServiceEnv {
  override PORT = 3003;

  /** 32 bytes, base64: encrypts the webhook signing secrets at rest (they must be readable to sign). */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'WEBHOOK_SECRETS_KEY must be 32 bytes in base64' })
  WEBHOOK_SECRETS_KEY = LOCAL_WEBHOOK_SECRETS_KEY;

  /** The waits between a webhook delivery's attempts, e.g. 5s,5m,30m,2h,5h,10h,10h (Standard Webhooks' schedule, 27.6 hours). */
  @Matches(RETRY_SCHEDULE_PATTERN, { message: 'WEBHOOK_RETRY_SCHEDULE must be durations like 5s,5m,2h (ms, s, m, h), comma-separated' })
  WEBHOOK_RETRY_SCHEDULE = '5s,5m,30m,2h,5h,10h,10h';

  /** An endpoint whose deliveries have failed without a success for this long is disabled, and its unit told. */
  @IsInt() @Min(1) @Max(60)
  WEBHOOK_DISABLE_AFTER_DAYS: number = 5;

  /** How long one delivery may take, connection and response included. */
  @IsInt() @Min(100) @Max(60_000)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** How often a replica looks for due deliveries. */
  @IsInt() @Min(10) @Max(60_000)
  WEBHOOK_POLL_MS: number = 1000;

  override developmentDefaults(): string[] {
    const refused = super.developmentDefaults();
    if (this.WEBHOOK_SECRETS_KEY === LOCAL_WEBHOOK_SECRETS_KEY) {
      refused.push('WEBHOOK_SECRETS_KEY must be a key of your own, not the published development key (openssl rand -base64 32)');
    }
    if (spanOf(parseRetrySchedule(this.WEBHOOK_RETRY_SCHEDULE)) < DAY_MS) {
      refused.push('WEBHOOK_RETRY_SCHEDULE must keep retrying for at least 24 hours: a receiver down for a day must lose nothing');
    }
    return refused;
  }
}
