import { Logger } from '@nestjs/common';
import { KafkaConfig, LogEntry, logLevel } from 'kafkajs';
import { TOPICS, TopicKey } from '@gridwhistle/contracts';
import './kafkajs-idle-loop.fix'; // every Kafka client is configured here, so the fix is in place first

/** Where the brokers are, and the namespace that prefixes topics and consumer groups. */
export interface KafkaSettings {
  brokers: string[];
  namespace: string;
  clientId: string;
}

export function topicName(settings: Pick<KafkaSettings, 'namespace'>, key: TopicKey): string {
  return `${settings.namespace}.${TOPICS[key].name}`;
}

export function kafkaConfig(settings: KafkaSettings): KafkaConfig {
  return {
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3000,
    logLevel: logLevel.WARN,
    logCreator,
    retry: { initialRetryTime: 200, retries: 8 },
  };
}

/**
 * kafkajs through Nest's logger. Errors of single requests (namespace Connection: a coordinator
 * still loading, a leader moving) are retried by kafkajs and surface as exceptions if they
 * last, so they are debug noise here, not errors. So is the warning that limited retries void
 * Kafka's own exactly-once: ours comes from the outbox and the inbox, not from Kafka.
 */
function logCreator() {
  const logger = new Logger('kafkajs');
  return ({ namespace, level, log }: LogEntry) => {
    const { message, error } = log as { message: string; error?: string };
    const text = error ? `${message}: ${error}` : message;
    if (namespace === 'Connection' || message.startsWith('Limiting retries for the idempotent producer')) {
      logger.debug(text);
    } else if (level <= logLevel.ERROR) logger.error(text);
    else logger.warn(text);
  };
}
