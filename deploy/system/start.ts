import { ChildProcess } from 'node:child_process';
import { relative } from 'node:path';
import { ensureInfrastructure } from './infrastructure';
import { CREDENTIALS_FILE, SERVICES, kafkaFromEnv, loadOrCreateCredentials, loadSampleCity, rolePasswords, setUpSystem } from './setup';
import { DEFAULT_PORTS, localServiceEnv, spawnService, stopService, waitUntilDirectoryKnown, waitUntilHealthy } from './services';

const log = (line: string) => console.log(`[gridwhistle] ${line}`);

/**
 * `npm start`: starts whatever infrastructure is missing, migrates, seeds the sample city,
 * and runs the four services in the foreground until Ctrl-C.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const infra = await ensureInfrastructure({ useContainers: false, log });
  infra.description.forEach(log);
  // TLS, SASL and the topics' settings reach the services through the environment they inherit.
  const kafka = { ...kafkaFromEnv(), brokers: infra.kafkaBrokers.split(',') };
  const namespace = kafka.namespace;
  const city = loadSampleCity();
  const credentials = loadOrCreateCredentials(city);
  // The local stack: roles setup creates get DB_PASSWORD_<SERVICE> or the development default.
  const passwords = rolePasswords(process.env, 'local');
  await setUpSystem({ databaseUrl: infra.databaseUrl, kafka, city, credentials, passwords });
  log(`database migrated, topics created, directory version ${city.directory.version} handed to routing, API keys seeded`);

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping services…');
    await Promise.all([...children.values()].map((child) => stopService(child)));
    await infra.stop();
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  for (const service of SERVICES) {
    const child = spawnService(
      service,
      {
        ...localServiceEnv({ port: DEFAULT_PORTS[service], databaseUrl: infra.databaseUrl, kafkaBrokers: infra.kafkaBrokers, namespace }),
        DB_PASSWORD: passwords[service],
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
      (line) => console.log(`[${service.padEnd(10)}] ${line}`),
    );
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(`${service} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    });
    children.set(service, child);
  }
  await Promise.all(SERVICES.map((service) => waitUntilHealthy(`http://127.0.0.1:${DEFAULT_PORTS[service]}`)));
  await waitUntilDirectoryKnown(`http://127.0.0.1:${DEFAULT_PORTS.intake}`);

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(`ready in ${seconds} s`);
  for (const service of SERVICES) {
    log(`  ${service.padEnd(10)} http://127.0.0.1:${DEFAULT_PORTS[service]}  (/docs, /openapi.json, /health, /metrics)`);
  }
  log(`  API keys   ${relative(process.cwd(), CREDENTIALS_FILE) || CREDENTIALS_FILE} (${credentials.departments.length} handling units, ${credentials.integrations.length} integrations)`);
  log(`  Kafka      ${infra.kafkaBrokers}, topics ${namespace}.*`);
  log('Ctrl-C stops everything that was started here.');
}

main().catch((error) => {
  console.error(`[gridwhistle] start failed: ${error instanceof Error ? error.stack : error}`);
  process.exit(1);
});
