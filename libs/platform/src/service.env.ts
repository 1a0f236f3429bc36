import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, Validate, ValidateIf, validateSync } from 'class-validator';
import { DEFAULT_TOPIC_SETTINGS, KafkaSettings, SASL_MECHANISMS, SaslMechanism } from '@gridwhistle/messaging';
import { AtMostReplicationFactor, ReadableCaFile, kafkaSecurity, usesSasl } from './kafka.env';

/** Settings every service reads from its environment; defaults work for the local stack. */
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

  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

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

/**
 * Reads and validates the environment at start-up; fails fast with one line per bad variable.
 * Unset or empty variables fall back to the class's defaults.
 */
export function loadEnv<T extends ServiceEnv>(envClass: new () => T, source: Record<string, string | undefined>): T {
  const given = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const env = plainToInstance(envClass, given, { enableImplicitConversion: true });
  const errors = validateSync(env, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new InvalidEnvironmentError(`invalid environment:\n  ${lines.join('\n  ')}`);
  }
  return env;
}
