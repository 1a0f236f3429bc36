import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { KafkaSettings } from '@gridwhistle/messaging';

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

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  @IsIn(['text', 'json'])
  LOG_FORMAT: 'text' | 'json' = 'text';

  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  kafka(service: string): KafkaSettings {
    return { brokers: this.KAFKA_BROKERS.split(','), namespace: this.KAFKA_NAMESPACE, clientId: `gridwhistle-${service}` };
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
