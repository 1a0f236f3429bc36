import { accessSync, constants, readFileSync } from 'node:fs';
import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { KafkaSecurity, SaslMechanism } from '@gridwhistle/messaging';

/** The Kafka variables of ServiceEnv that these checks read. */
interface KafkaEnv {
  KAFKA_SSL: 'true' | 'false';
  KAFKA_SSL_CA_FILE?: string;
  KAFKA_SASL_MECHANISM?: SaslMechanism;
  KAFKA_SASL_USERNAME?: string;
  KAFKA_SASL_PASSWORD?: string;
  KAFKA_REPLICATION_FACTOR: number;
}

@ValidatorConstraint({ name: 'readableCaFile' })
export class ReadableCaFile implements ValidatorConstraintInterface {
  validate(file: string, args: ValidationArguments): boolean {
    if ((args.object as KafkaEnv).KAFKA_SSL !== 'true') return false;
    try {
      accessSync(file, constants.R_OK);
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'KAFKA_SSL_CA_FILE must be a readable PEM file, and goes with KAFKA_SSL=true';
  }
}

@ValidatorConstraint({ name: 'atMostReplicationFactor' })
export class AtMostReplicationFactor implements ValidatorConstraintInterface {
  validate(minInsyncReplicas: number, args: ValidationArguments): boolean {
    return minInsyncReplicas <= (args.object as KafkaEnv).KAFKA_REPLICATION_FACTOR;
  }

  defaultMessage(): string {
    return 'KAFKA_MIN_INSYNC_REPLICAS must not exceed KAFKA_REPLICATION_FACTOR: no event could ever be acknowledged';
  }
}

/** SASL's variables go together: any of them asks for all three. */
export const usesSasl = (env: object): boolean => {
  const { KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD } = env as KafkaEnv;
  return [KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD].some((value) => value !== undefined);
};

/** TLS and SASL as kafkaConfig takes them, from validated variables. */
export function kafkaSecurity(env: KafkaEnv): KafkaSecurity {
  return {
    ...(env.KAFKA_SSL === 'true' ? { ssl: env.KAFKA_SSL_CA_FILE ? { ca: readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8') } : {} } : {}),
    ...(env.KAFKA_SASL_MECHANISM
      ? { sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME!, password: env.KAFKA_SASL_PASSWORD! } }
      : {}),
  };
}
