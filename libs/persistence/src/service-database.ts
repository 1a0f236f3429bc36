import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { QueryLogger } from './query-logger';

/**
 * How one service reaches its own schema: a login role of its own with rights on that schema's
 * rows only (`role`), while a separate role without login owns the schema and runs the
 * migrations (`owner`).
 */
export interface ServiceDatabase {
  schema: string;
  role: string;
  owner: string;
  password: string;
}

export function serviceDatabase(schema: string, password?: string): ServiceDatabase {
  return { schema, role: `gw_${schema}`, owner: `gw_${schema}_owner`, password: password ?? localPassword(schema) };
}

/** The published password of a service role on a development machine: GRIDWHISTLE_PROFILE=local only. */
export function localPassword(schema: string): string {
  return `gw_${schema}_local`;
}

export function isLocalPassword(password: string): boolean {
  return /^gw_[a-z0-9_]+_local$/.test(password);
}

/** The server and database of DATABASE_URL, reached as the service's own role. */
export function serviceDatabaseUrl(databaseUrl: string, db: ServiceDatabase): string {
  const url = new URL(databaseUrl);
  url.username = db.role;
  url.password = db.password;
  return url.toString();
}

/**
 * The same data source reached with the admin credentials of `adminUrl`, acting as the schema's
 * owner from the connection's start: how setup runs migrations, since the service's own role
 * may only read and write rows.
 */
export function asSchemaOwner(options: PostgresConnectionOptions, adminUrl: string): PostgresConnectionOptions {
  const owner = schemaOwnerConnection(adminUrl, options.schema!);
  return { ...options, url: owner.connectionString, extra: { ...options.extra, options: owner.options } };
}

/** pg client settings for the same: the admin of `adminUrl` as the owner of `schema`. */
export function schemaOwnerConnection(adminUrl: string, schema: string): { connectionString: string; options: string } {
  return { connectionString: adminUrl, options: `-c role=${serviceDatabase(schema).owner} -c search_path=${schema}` };
}

export function typeOrmOptions(options: {
  databaseUrl: string;
  db: ServiceDatabase;
  entities: PostgresConnectionOptions['entities'];
  migrations: PostgresConnectionOptions['migrations'];
  poolSize?: number;
}): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: serviceDatabaseUrl(options.databaseUrl, options.db),
    schema: options.db.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logger: new QueryLogger(), // failed queries without their parameters: they hold what residents typed
    extra: { max: options.poolSize ?? 10, application_name: `gridwhistle-${options.db.schema}` },
  };
}
