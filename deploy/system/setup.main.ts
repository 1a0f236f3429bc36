import { DEFAULT_DATABASE_URL } from './infrastructure';
import { SERVICES, kafkaFromEnv, loadOrCreateCredentials, loadSampleCity, setUpSystem } from './setup';

/** Setup alone, for deployments that run the services elsewhere (docker-compose's `setup` job). */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const city = loadSampleCity();
  await setUpSystem({ databaseUrl, kafka: kafkaFromEnv(), city, credentials: loadOrCreateCredentials(city) });
  console.log(`set up ${SERVICES.join(', ')}; API keys in .local/credentials.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
