import { KafkaConfig, logLevel } from 'kafkajs';
import { TOPICS, TopicKey } from '@gridwhistle/contracts';

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
    logLevel: logLevel.ERROR,
    retry: { initialRetryTime: 200, retries: 8 },
  };
}
