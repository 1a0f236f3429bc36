import { DEFAULT_DATABASE_URL, DEFAULT_KAFKA_BROKERS } from './infrastructure';
import { SERVICES, loadOrCreateCredentials, loadSampleCity, rolePasswords, setUpSystem } from './setup';

/**
 * Setup alone, for deployments that run the services elsewhere (docker-compose's `setup` job).
 * Outside GRIDWHISTLE_PROFILE=local it creates missing service roles only with DB_PASSWORD_<SERVICE>.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const brokers = (process.env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS).split(',');
  const namespace = process.env.KAFKA_NAMESPACE ?? 'gridwhistle';
  const profile = process.env.GRIDWHISTLE_PROFILE || 'production';
  if (profile !== 'local' && profile !== 'production') throw new Error('GRIDWHISTLE_PROFILE must be local or production');
  const city = loadSampleCity();
  await setUpSystem({
    databaseUrl,
    kafka: { brokers, namespace, clientId: 'gridwhistle-setup' },
    city,
    credentials: loadOrCreateCredentials(city),
    passwords: rolePasswords(process.env, profile),
  });
  console.log(`set up ${SERVICES.join(', ')}; API keys in .local/credentials.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
