import { Client } from 'pg';
import { quoteIdent } from '@gridwhistle/persistence';

/**
 * Takes a database away as a failover does: it refuses new connections and its open ones are
 * terminated, but for the backends in `spare` (a test's own client). Only this database: other
 * test runs share the server. Returns what brings it back.
 */
export async function takeDatabaseAway(databaseUrl: string, spare: number[] = []): Promise<() => Promise<void>> {
  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  // A database can only be closed to connections from another one: the server's maintenance database.
  const maintenanceUrl = new URL(databaseUrl);
  maintenanceUrl.pathname = '/postgres';
  const maintenance = new Client({ connectionString: maintenanceUrl.toString() });
  await maintenance.connect();
  const allowConnections = (allow: boolean) => maintenance.query(`ALTER DATABASE ${quoteIdent(database)} WITH ALLOW_CONNECTIONS ${allow}`);
  const bringBack = async () => {
    await allowConnections(true);
    await maintenance.end();
  };
  try {
    await allowConnections(false);
    await maintenance.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND NOT pid = ANY($2::int[])', [database, spare]);
    return bringBack;
  } catch (error) {
    await bringBack();
    throw error;
  }
}
