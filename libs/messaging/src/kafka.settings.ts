import { Logger } from '@nestjs/common';
import { ConsumerConfig, KafkaConfig, LogEntry, Partitioners, ProducerConfig, SASLOptions, logLevel } from 'kafkajs';
import { TOPICS, TopicKey } from '@gridwhistle/contracts';
import './kafkajs-idle-loop.fix'; // every Kafka client is configured here, so the fix is in place first

/** Where the brokers are, and the namespace that prefixes topics and consumer groups. */
export interface KafkaSettings {
  brokers: string[];
  namespace: string;
  clientId: string;
  /** How to reach the brokers; plaintext without authentication when absent (the local broker). */
  security?: KafkaSecurity;
  /** How the topics are provisioned; DEFAULT_TOPIC_SETTINGS when absent. */
  topics?: TopicSettings;
}

export interface KafkaSecurity {
  /** TLS; `ca` (PEM) when the brokers' certificates are not signed by a CA the system trusts. */
  ssl?: { ca?: string };
  sasl?: { mechanism: SaslMechanism; username: string; password: string };
}

export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface TopicSettings {
  /** Copies of each partition: 1 for the local broker, 3 in production. */
  replicationFactor: number;
  /** Copies that must have an event before the broker acknowledges it (producers send acks=all): 2 in production. */
  minInsyncReplicas: number;
  /** How long the topics keep events. */
  retentionHours: number;
}

export const DEFAULT_TOPIC_SETTINGS: TopicSettings = { replicationFactor: 1, minInsyncReplicas: 1, retentionHours: 168 };

/** A day longer than the topics keep events: an event the inbox forgot can no longer be delivered again. */
const INBOX_MARGIN_HOURS = 24;

/** How long consumers remember handled event ids: derived from the topics' retention, here only. */
export function inboxRetentionHours(settings: Pick<KafkaSettings, 'topics'>): number {
  return (settings.topics ?? DEFAULT_TOPIC_SETTINGS).retentionHours + INBOX_MARGIN_HOURS;
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
    ...securityConfig(settings.security),
  };
}

function securityConfig(security: KafkaSecurity = {}): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const { ssl, sasl } = security;
  return {
    ...(ssl ? { ssl: ssl.ca ? { ca: [ssl.ca] } : true } : {}),
    // kafkajs's SASL options are a union by mechanism that TypeScript cannot narrow from a variable.
    ...(sasl ? { sasl: sasl as SASLOptions } : {}),
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

/** How every service's producer sends (the outbox relay, dead letters): idempotent, in order, to existing topics only. */
export const PRODUCER_CONFIG: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
};

/** How every service's inbox consumes, besides its group id. */
export const INBOX_CONSUMER_CONFIG: Omit<ConsumerConfig, 'groupId'> = {
  sessionTimeout: 15_000,
  heartbeatInterval: 3_000,
  maxBytesPerPartition: 1_048_576,
};
