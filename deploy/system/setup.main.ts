import { SERVICES, loadOrCreateCredentials, loadSampleCity, rolePasswords, setUpSystem, toolEnv } from './setup';

/**
 * Setup alone, for deployments that run the services elsewhere (docker-compose's `setup` job).
 * Outside GRIDWHISTLE_PROFILE=local it creates missing service roles only with DB_PASSWORD_<SERVICE>.
 */
async function main(): Promise<void> {
  const env = toolEnv();
  const city = loadSampleCity();
  await setUpSystem({
    databaseUrl: env.DATABASE_URL,
    kafka: env.kafka('setup'),
    city,
    credentials: loadOrCreateCredentials(city),
    passwords: rolePasswords(process.env, env.GRIDWHISTLE_PROFILE),
  });
  console.log(`set up ${SERVICES.join(', ')}; API keys in .local/credentials.json`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
