import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { asSchemaOwner } from '@gridwhistle/persistence';

/** Runs a service's migrations (then `prepare`, e.g. a seed) as the owner of its schema, as setup does. */
export async function migrateAsOwner(
  options: PostgresConnectionOptions,
  adminUrl: string,
  prepare: (owner: DataSource) => Promise<unknown> = async () => undefined,
): Promise<void> {
  const owner = await new DataSource(asSchemaOwner(options, adminUrl)).initialize();
  try {
    await owner.runMigrations({ transaction: 'each' });
    await prepare(owner);
  } finally {
    await owner.destroy();
  }
}

/**
 * A service's database as it runs: migrated (and `prepare`d) as the owner of its schema, then
 * reached as the service's own role, which may only change rows.
 */
export async function migratedDataSource(
  options: PostgresConnectionOptions,
  adminUrl: string,
  prepare?: (owner: DataSource) => Promise<unknown>,
): Promise<DataSource> {
  await migrateAsOwner(options, adminUrl, prepare);
  return new DataSource(options).initialize();
}
