import { randomBytes } from 'node:crypto';
import { ServiceDatabase, dropDatabase, provisionDatabase } from '@gridwhistle/persistence';
import { KafkaSettings, deleteTopics, provisionTopics } from '@gridwhistle/messaging';

/**
 * A database and a Kafka namespace of a test file's own, on the infrastructure that the
 * global setup chose, so that test files can run side by side and leave nothing behind.
 */
export interface IsolatedEnvironment {
  namespace: string;
  databaseUrl: string;
  kafka: KafkaSettings;
  dispose(): Promise<void>;
}

export async function createIsolatedEnvironment(services: ServiceDatabase[]): Promise<IsolatedEnvironment> {
  const { DATABASE_URL, KAFKA_BROKERS } = process.env;
  if (!DATABASE_URL || !KAFKA_BROKERS) throw new Error('DATABASE_URL and KAFKA_BROKERS are set by the jest global setup');
  const namespace = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/gw_${namespace}`;
  const databaseUrl = url.toString();
  const kafka: KafkaSettings = { brokers: KAFKA_BROKERS.split(','), namespace, clientId: `test-${namespace}` };
  await provisionDatabase(databaseUrl, services);
  await provisionTopics(kafka);
  return {
    namespace,
    databaseUrl,
    kafka,
    async dispose() {
      await deleteTopics(kafka);
      await dropDatabase(databaseUrl);
    },
  };
}
