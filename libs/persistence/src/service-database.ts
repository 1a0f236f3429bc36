import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { QueryLogger } from './query-logger';

/** How one service reaches its own schema: a role of its own, with rights there only. */
export interface ServiceDatabase {
  schema: string;
  role: string;
  password: string;
}

export function serviceDatabase(schema: string, password?: string): ServiceDatabase {
  return { schema, role: `gw_${schema}`, password: password ?? `gw_${schema}_local` };
}

/** The server and database of DATABASE_URL, reached as the service's own role. */
export function serviceDatabaseUrl(databaseUrl: string, db: ServiceDatabase): string {
  const url = new URL(databaseUrl);
  url.username = db.role;
  url.password = db.password;
  return url.toString();
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
