import { DataSource } from 'typeorm';
import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { asSchemaOwner } from '@gridwhistle/persistence';

/**
 * A service's database as it runs: migrated (and `prepare`d, e.g. seeded) as the owner of its
 * schema, as setup does, then reached as the service's own role, which may only change rows.
 */
export async function migratedDataSource(
  options: PostgresConnectionOptions,
  adminUrl: string,
  prepare: (owner: DataSource) => Promise<unknown> = async () => undefined,
): Promise<DataSource> {
  const owner = await new DataSource(asSchemaOwner(options, adminUrl)).initialize();
  try {
    await owner.runMigrations();
    await prepare(owner);
  } finally {
    await owner.destroy();
  }
  return new DataSource(options).initialize();
}
