import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, Validate, ValidateIf, validateSync } from 'class-validator';
import { DEFAULT_TOPIC_SETTINGS, KafkaSettings, SASL_MECHANISMS, SaslMechanism } from '@gridwhistle/messaging';
import { isLocalPassword } from '@gridwhistle/persistence';
import { AtMostReplicationFactor, ReadableCaFile, kafkaSecurity, usesSasl } from './kafka.env';

export type Profile = 'local' | 'production';

/** Settings every service reads from its environment; defaults work for the local stack (GRIDWHISTLE_PROFILE=local). */
export class ServiceEnv {
  @IsInt() @Min(0) @Max(65535)
  PORT: number;

  @IsString() @MinLength(1)
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+\/[^/]+$/, { message: 'DATABASE_URL must be postgres://user@host:port/database' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/gridwhistle';

  /** Password of the service's own database role; the role is gw_<service>. */
  @IsOptional() @IsString() @MinLength(8)
  DB_PASSWORD?: string;

  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Matches(/^[a-z0-9][a-z0-9_-]*$/, { message: 'KAFKA_NAMESPACE must be lowercase letters, digits, - or _' })
  KAFKA_NAMESPACE = 'gridwhistle';

  // Kafka in production: TLS, SASL and the topics' durability (README, "Configuration").
  @IsIn(['true', 'false'], { message: 'KAFKA_SSL must be true or false' })
  KAFKA_SSL: 'true' | 'false' = 'false';

  /** The CA that signed the brokers' certificates (PEM), when the system does not trust it already. */
  @IsOptional() @Validate(ReadableCaFile)
  KAFKA_SSL_CA_FILE?: string;

  @ValidateIf(usesSasl)
  @IsIn(SASL_MECHANISMS, { message: `KAFKA_SASL_MECHANISM must be one of ${SASL_MECHANISMS.join(', ')} (it goes with KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD)` })
  KAFKA_SASL_MECHANISM?: SaslMechanism;

  @ValidateIf(usesSasl) @IsString() @MinLength(1, { message: 'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_USERNAME?: string;

  @ValidateIf(usesSasl) @IsString() @MinLength(1, { message: 'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM' })
  KAFKA_SASL_PASSWORD?: string;

  /** 1 for the local broker; 3 in production. */
  @IsInt() @Min(1)
  KAFKA_REPLICATION_FACTOR: number = DEFAULT_TOPIC_SETTINGS.replicationFactor;

  /** 1 for the local broker; 2 in production, so that an acknowledged event is on two brokers. */
  @IsInt() @Min(1) @Validate(AtMostReplicationFactor)
  KAFKA_MIN_INSYNC_REPLICAS: number = DEFAULT_TOPIC_SETTINGS.minInsyncReplicas;

  /** How long topics keep events; consumers' inboxes remember event ids a day longer. */
  @IsInt() @Min(1)
  KAFKA_RETENTION_HOURS: number = DEFAULT_TOPIC_SETTINGS.retentionHours;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  // Secure defaults: what may only run on a development machine, and /metrics access.

  /**
   * `local` (set by npm start, the tests, the bench and docker-compose) allows the development
   * defaults: the published PII key, the default database passwords, an open /metrics. Unset
   * means production, so that a forgotten variable fails closed.
   */
  @IsIn(['local', 'production'], { message: 'GRIDWHISTLE_PROFILE must be local or production' })
  GRIDWHISTLE_PROFILE: Profile = 'production';

  /** Serves /metrics on this port of HOST, and not on the API port. */
  @IsOptional() @IsInt() @Min(1) @Max(65535)
  METRICS_PORT?: number;

  /** /metrics then asks for `Authorization: Bearer <token>`. */
  @IsOptional() @IsString() @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /**
   * What the production profile refuses, one line each: development secrets and an open
   * /metrics (it shows per-department volumes). Services add their own secrets.
   */
  developmentDefaults(): string[] {
    const refused: string[] = [];
    if (this.DB_PASSWORD === undefined || isLocalPassword(this.DB_PASSWORD)) {
      refused.push("DB_PASSWORD must be set to the service role's own password, not the development default");
    }
    if (this.METRICS_PORT === undefined && this.METRICS_TOKEN === undefined) {
      refused.push('METRICS_PORT or METRICS_TOKEN must be set: /metrics shows per-department volumes');
    }
    return refused;
  }

  kafka(service: string): KafkaSettings {
    return {
      brokers: this.KAFKA_BROKERS.split(','),
      namespace: this.KAFKA_NAMESPACE,
      clientId: `gridwhistle-${service}`,
      security: kafkaSecurity(this),
      topics: {
        replicationFactor: this.KAFKA_REPLICATION_FACTOR,
        minInsyncReplicas: this.KAFKA_MIN_INSYNC_REPLICAS,
        retentionHours: this.KAFKA_RETENTION_HOURS,
      },
    };
  }
}

export class InvalidEnvironmentError extends Error {}

const PRODUCTION_REFUSES =
  '(GRIDWHISTLE_PROFILE is production unless set: development defaults are refused; GRIDWHISTLE_PROFILE=local allows them on a development machine)';

/**
 * Reads and validates the environment at start-up; fails fast with one line per bad variable,
 * and outside the local profile with one line per development default still in use.
 * Unset or empty variables fall back to the class's defaults.
 */
export function loadEnv<T extends ServiceEnv>(envClass: new () => T, source: Record<string, string | undefined>): T {
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(envClass, given, { enableImplicitConversion: true });
  const lines = validateSync(env, { whitelist: false }).flatMap((error) => Object.values(error.constraints ?? {}));
  const refused = env.GRIDWHISTLE_PROFILE === 'production' ? env.developmentDefaults() : [];
  if (refused.length > 0) lines.push(...refused, PRODUCTION_REFUSES);
  if (lines.length > 0) throw new InvalidEnvironmentError(`invalid environment:\n  ${lines.join('\n  ')}`);
  return env;
}
