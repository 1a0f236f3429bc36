import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { MissingRolePasswordError, asSchemaOwner, localPassword, provisionDatabase } from '@gridwhistle/persistence';
import { KafkaSettings, provisionTopics } from '@gridwhistle/messaging';
import { Profile, ServiceEnv, generateApiKey, hashApiKey, loadEnv } from '@gridwhistle/platform';
import { intakeDatabase, seedIntake } from '@gridwhistle/intake/database';
import { PublishResult, publishDirectoryVersion, routingDatabase, seedOperators } from '@gridwhistle/routing/database';
import { departmentDatabase, seedDepartment } from '@gridwhistle/department/database';
import { feedbackDatabase, seedFeedback } from '@gridwhistle/feedback/database';
import { REPO_ROOT } from './infrastructure';

export const SERVICES = ['intake', 'routing', 'department', 'feedback'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface AreaNode {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community' | 'grid';
  children?: AreaNode[];
}

/** The parts of the directory document (validated by routing) that setup and the bench read. */
export interface DirectoryFile {
  city: string;
  version: number;
  areas: AreaNode;
  units: { code: string; name: string; kind: string }[];
  categories: { code: string; name: string; severity: string; emergencyNumber?: string; referral?: unknown; answer?: string }[];
  catalogue: { category: string; area?: string; lead: { unit?: string; locality?: string } }[];
}

/** The sample city: routing's directory, the integrations that report cases, the command centre's operators. */
export interface SampleCity {
  directory: DirectoryFile;
  integrations: { code: string; name: string }[];
  operators: { code: string; name: string }[];
}

/** The API keys handed to the handling units (departments, streets, communities) and integrations (only their hashes are stored). */
export interface Credentials {
  departments: { code: string; name: string; apiKey: string }[];
  integrations: { code: string; apiKey: string }[];
  operators: { code: string; apiKey: string }[];
}

export const CREDENTIALS_FILE = join(REPO_ROOT, '.local/credentials.json');
export const DIRECTORY_FILE = join(REPO_ROOT, 'deploy/directory/kaizhou.directory.json');

export function loadSampleCity(directoryFile = DIRECTORY_FILE): SampleCity {
  const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
  const { integrations, operators } = read(join(REPO_ROOT, 'deploy/seed/callers.json'));
  return { directory: read(directoryFile), integrations, operators };
}

/** The services' environment, read by tools that are no service (they listen on no port). */
class ToolEnv extends ServiceEnv {
  override PORT = 0;

  /** Setup is no service: it has no role password or /metrics of its own to refuse. */
  override developmentDefaults(): string[] {
    return [];
  }
}

/** The services' environment as setup reads it (profile, Kafka), validated as the services validate theirs. */
export function toolEnv(source: Record<string, string | undefined> = process.env): ServiceEnv {
  return loadEnv(ToolEnv, source);
}

/** Kafka as the environment describes it to the services (brokers, namespace, TLS, SASL, topics), for setup. */
export function kafkaFromEnv(source: Record<string, string | undefined> = process.env): KafkaSettings {
  return toolEnv(source).kafka('setup');
}

const DATABASES: Record<ServiceName, (env: { DATABASE_URL: string }) => PostgresConnectionOptions> = {
  intake: intakeDatabase,
  routing: routingDatabase,
  department: departmentDatabase,
  feedback: feedbackDatabase,
};

/** The variable that gives setup the password of a service's role, e.g. DB_PASSWORD_INTAKE. */
export const passwordVariable = (service: ServiceName) => `DB_PASSWORD_${service.toUpperCase()}`;

/**
 * The passwords setup creates missing service roles with: DB_PASSWORD_<SERVICE>, else in the
 * local profile the development default; else none, and a missing role is an error.
 */
export function rolePasswords(
  env: Record<string, string | undefined>,
  profile: Profile,
): Record<ServiceName, string | undefined> {
  const password = (service: ServiceName) => env[passwordVariable(service)] || (profile === 'local' ? localPassword(service) : undefined);
  return Object.fromEntries(SERVICES.map((service) => [service, password(service)])) as Record<ServiceName, string | undefined>;
}

/**
 * Everything before the services can start: the database, each service's roles and schema,
 * the topics, each service's migrations, the callers' API keys, and the directory handed to
 * routing (which validates it, keeps it if it is newer than its running version, and
 * publishes it: the other services learn categories, areas and units from that event).
 */
export async function setUpSystem(options: {
  databaseUrl: string;
  kafka: KafkaSettings;
  city: SampleCity;
  credentials: Credentials;
  passwords: Record<ServiceName, string | undefined>;
}): Promise<void> {
  const { databaseUrl, city, credentials, passwords } = options;
  await provisionDatabase(databaseUrl, SERVICES.map((service) => ({ schema: service, password: passwords[service] }))).catch((error) => {
    if (error instanceof MissingRolePasswordError) error.message += `: set ${passwordVariable(error.schema as ServiceName)}`;
    throw error;
  });
  await provisionTopics(options.kafka);
  const keyHash = (list: { code: string; apiKey: string }[], code: string) =>
    hashApiKey(list.find((entry) => entry.code === code)!.apiKey);
  const integrations = city.integrations.map((i) => ({ ...i, apiKeyHash: keyHash(credentials.integrations, i.code) }));

  await withDataSource('intake', databaseUrl, (ds) => seedIntake(ds, { integrations }));
  await withDataSource('routing', databaseUrl, async (ds) => {
    await publishDirectoryVersion(ds, city.directory);
    await seedOperators(ds, city.operators.map((o) => ({ ...o, apiKeyHash: keyHash(credentials.operators, o.code) })));
  });
  await withDataSource('department', databaseUrl, (ds) =>
    seedDepartment(ds, {
      departments: city.directory.units.map((u) => ({ code: u.code, name: u.name, apiKeyHash: keyHash(credentials.departments, u.code) })),
    }),
  );
  await withDataSource('feedback', databaseUrl, (ds) => seedFeedback(ds, { integrations }));
}

/** Hands a directory version to routing as setup does (validated, kept if newer, announced); throws InvalidDirectoryError. */
export function publishDirectoryFile(databaseUrl: string, directory: unknown): Promise<PublishResult> {
  return withDataSource('routing', databaseUrl, (ds) => publishDirectoryVersion(ds, directory));
}

/** Runs a service's pending migrations as the owner of its schema, then `work` on the same connection. */
async function withDataSource<T>(service: ServiceName, databaseUrl: string, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const options = asSchemaOwner(DATABASES[service]({ DATABASE_URL: databaseUrl }), databaseUrl);
  const dataSource = new DataSource({ ...options, extra: { ...options.extra, max: 2 } });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Fresh keys for every handling unit and integration. */
export function generateCredentials(city: SampleCity): Credentials {
  return {
    departments: city.directory.units.map((u) => ({ code: u.code, name: u.name, apiKey: generateApiKey(u.code) })),
    integrations: city.integrations.map((i) => ({ code: i.code, apiKey: generateApiKey(i.code) })),
    operators: city.operators.map((o) => ({ code: o.code, apiKey: generateApiKey(o.code) })),
  };
}

/** Keeps the keys of earlier runs (clients keep working) and adds keys for anything new. */
export function loadOrCreateCredentials(city: SampleCity, file = CREDENTIALS_FILE): Credentials {
  const fresh = generateCredentials(city);
  if (!existsSync(file)) return save(file, fresh);
  const known: Credentials = JSON.parse(readFileSync(file, 'utf8'));
  const keep = <T extends { code: string }>(old: T[], next: T[]) => next.map((n) => old.find((o) => o.code === n.code) ?? n);
  return save(file, {
    departments: keep(known.departments ?? [], fresh.departments),
    integrations: keep(known.integrations ?? [], fresh.integrations),
    operators: keep(known.operators ?? [], fresh.operators),
  });
}

function save(file: string, credentials: Credentials): Credentials {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
