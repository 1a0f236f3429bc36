import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { MissingRolePasswordError, asSchemaOwner, localPassword, provisionDatabase } from '@gridwhistle/persistence';
import { KafkaSettings, provisionTopics } from '@gridwhistle/messaging';
import { Profile, ServiceEnv, generateApiKey, hashApiKey, loadEnv } from '@gridwhistle/platform';
import { intakeDatabase, seedIntake } from '@gridwhistle/intake/database';
import { routingDatabase, seedRouting } from '@gridwhistle/routing/database';
import { departmentDatabase, seedDepartment } from '@gridwhistle/department/database';
import { feedbackDatabase, seedFeedback } from '@gridwhistle/feedback/database';
import { REPO_ROOT } from './infrastructure';

export const SERVICES = ['intake', 'routing', 'department', 'feedback'] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface AreaNode {
  code: string;
  name: string;
  level: 'district' | 'street' | 'community' | 'grid';
  children: AreaNode[];
}

export interface SampleCity {
  areas: AreaNode;
  departments: { code: string; name: string }[];
  categories: { code: string; name: string; department: string; deadlineHours: number }[];
  integrations: { code: string; name: string }[];
}

/** The API keys handed to the seeded departments and integrations (only their hashes are stored). */
export interface Credentials {
  departments: { code: string; name: string; apiKey: string }[];
  integrations: { code: string; apiKey: string }[];
}

export const CREDENTIALS_FILE = join(REPO_ROOT, '.local/credentials.json');

export function loadSampleCity(): SampleCity {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'deploy/seed/sample-city.json'), 'utf8'));
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
 * the topics, each service's migrations, and the sample city with its API keys.
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
  const departmentNames = new Map(city.departments.map((d) => [d.code, d.name]));

  await withDataSource('intake', databaseUrl, (ds) =>
    seedIntake(ds, { areas: flattenAreas(city.areas, null), categories: city.categories, integrations }),
  );
  await withDataSource('routing', databaseUrl, (ds) =>
    seedRouting(ds, {
      routes: city.categories.map((c) => ({
        categoryCode: c.code,
        departmentCode: c.department,
        departmentName: departmentNames.get(c.department) ?? c.department,
        deadlineHours: c.deadlineHours,
      })),
    }),
  );
  await withDataSource('department', databaseUrl, (ds) =>
    seedDepartment(ds, {
      departments: city.departments.map((d) => ({ ...d, apiKeyHash: keyHash(credentials.departments, d.code) })),
    }),
  );
  await withDataSource('feedback', databaseUrl, (ds) => seedFeedback(ds, { integrations }));
}

/** Runs a service's pending migrations as the owner of its schema, then `work` on the same connection. */
async function withDataSource(service: ServiceName, databaseUrl: string, work: (ds: DataSource) => Promise<void>) {
  const options = asSchemaOwner(DATABASES[service]({ DATABASE_URL: databaseUrl }), databaseUrl);
  const dataSource = new DataSource({ ...options, extra: { ...options.extra, max: 2 } });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function flattenAreas(node: AreaNode, parentCode: string | null): { code: string; name: string; level: AreaNode['level']; parentCode: string | null }[] {
  return [
    { code: node.code, name: node.name, level: node.level, parentCode },
    ...node.children.flatMap((child) => flattenAreas(child, node.code)),
  ];
}

/** Fresh keys for every seeded department and integration. */
export function generateCredentials(city: SampleCity): Credentials {
  return {
    departments: city.departments.map((d) => ({ code: d.code, name: d.name, apiKey: generateApiKey(d.code) })),
    integrations: city.integrations.map((i) => ({ code: i.code, apiKey: generateApiKey(i.code) })),
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
  });
}

function save(file: string, credentials: Credentials): Credentials {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return credentials;
}
