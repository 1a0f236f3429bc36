import { DEFAULT_DATABASE_URL, DEFAULT_KAFKA_BROKERS } from './infrastructure';
import { SERVICES, loadOrCreateCredentials, loadSampleCity, setUpSystem } from './setup';

/** Setup alone, for deployments that run the services elsewhere (docker-compose's `setup` job). */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const brokers = (process.env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS).split(',');
  const namespace = process.env.KAFKA_NAMESPACE ?? 'gridwhistle';
  const city = loadSampleCity();
  await setUpSystem({ databaseUrl, kafka: { brokers, namespace, clientId: 'gridwhistle-setup' }, city, credentials: loadOrCreateCredentials(city) });
  console.log(`set up ${SERVICES.join(', ')}; API keys in .local/credentials.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
