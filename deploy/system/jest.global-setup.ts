import { ensureDebianTools, TEST_TOOLS } from './debian-packages';
import { ensureInfrastructure, Infrastructure } from './infrastructure';

/** Installs missing tools, finds or starts Postgres and Kafka once per test run; test files isolate themselves inside. */
export default async function globalSetup(): Promise<void> {
  ensureDebianTools(TEST_TOOLS, (line) => console.log(`\n[test infra] ${line}`));
  const infra = await ensureInfrastructure({ useContainers: true, log: (line) => console.log(`\n[test infra] ${line}`) });
  process.env.DATABASE_URL = infra.databaseUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  // Tests run the local stack: development passwords and keys are allowed here only.
  process.env.GRIDWHISTLE_PROFILE = 'local';
  (globalThis as { gridwhistleInfra?: Infrastructure }).gridwhistleInfra = infra;
  console.log(`\n[test infra] ${infra.description.join('; ')}`);
}
