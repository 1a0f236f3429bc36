import { DynamicModule, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Registry } from 'prom-client';
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { PgListener } from '@gridwhistle/persistence';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { ApiKeyGuard, Caller, CallerDirectory } from './api-key.guard';

/** Finds callers in a service's own table of (code, api_key_hash). */
class TableCallerDirectory extends CallerDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly table: string,
  ) {
    super();
  }

  async findByKeyHashes(keyHashes: string[]): Promise<Map<string, Caller>> {
    const rows: { code: string; api_key_hash: string }[] = await this.dataSource.query(
      `SELECT code, api_key_hash FROM ${this.table} WHERE api_key_hash = ANY($1)`,
      [keyHashes],
    );
    return new Map(rows.map((row) => [row.api_key_hash, { code: row.code }]));
  }
}

/** Hears every change to the callers table (see callersMigrations) and keeps the cache in step. */
class CallerChanges implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly listener: PgListener;

  constructor(dataSource: DataSource, authenticator: ApiKeyAuthenticator, table: string) {
    const { cache } = authenticator;
    this.listener = new PgListener({
      connectionString: (dataSource.options as { url: string }).url,
      channel: callersChannel(table),
      applicationName: `api-keys-${table}`,
      onNotification: () => cache.clear(),
      onListening: () => cache.resume(),
      onLost: () => cache.suspend(),
      logger: new Logger('ApiKeyAuth'),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }
}

/** API-key authentication against `table` (schema-qualified, e.g. "intake.integrations"). */
@Module({})
export class ApiKeyAuthModule {
  static register(table: string): DynamicModule {
    return {
      module: ApiKeyAuthModule,
      global: true,
      providers: [
        { provide: CallerDirectory, inject: [DataSource], useFactory: (ds: DataSource) => new TableCallerDirectory(ds, table) },
        {
          provide: ApiKeyAuthenticator,
          inject: [CallerDirectory, Registry],
          useFactory: (directory: CallerDirectory, registry: Registry) => new ApiKeyAuthenticator(directory, registry),
        },
        {
          provide: CallerChanges,
          inject: [DataSource, ApiKeyAuthenticator],
          useFactory: (ds: DataSource, authenticator: ApiKeyAuthenticator) => new CallerChanges(ds, authenticator, table),
        },
        ApiKeyGuard,
      ],
      exports: [CallerDirectory, ApiKeyAuthenticator, ApiKeyGuard],
    };
  }
}

/** The table ApiKeyAuthModule reads: one row per caller, only the hash of its key. For migrations. */
export async function createCallersTable(runner: QueryRunner, table: string): Promise<void> {
  await runner.query(`CREATE TABLE ${table} (code text PRIMARY KEY, name text NOT NULL, api_key_hash text NOT NULL UNIQUE)`);
}

export function callersChannel(table: string): string {
  return `${table}.changed`;
}

/**
 * The callers table's later versions, as migrations that each service with one lists after its
 * own. Version 2: every change is NOTIFYed when it commits, so that services drop their cached
 * keys at once (a revoked key stops working within a second).
 */
export function callersMigrations(table: string): (new () => MigrationInterface)[] {
  const notify = `${table}_notify_changed`;
  return [
    class NotifyCallerChanges1764028800000 implements MigrationInterface {
      name = 'NotifyCallerChanges1764028800000';

      async up(runner: QueryRunner): Promise<void> {
        await runner.query(`
          CREATE FUNCTION ${notify}() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN PERFORM pg_notify('${callersChannel(table)}', ''); RETURN NULL; END $$`);
        await runner.query(`
          CREATE TRIGGER callers_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION ${notify}()`);
      }

      async down(runner: QueryRunner): Promise<void> {
        await runner.query(`DROP TRIGGER callers_changed ON ${table}`);
        await runner.query(`DROP FUNCTION ${notify}()`);
      }
    },
  ];
}
