import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { messagingMigrations } from '@gridwhistle/messaging';
import { serviceDatabase, typeOrmOptions } from '@gridwhistle/persistence';
import { callersMigrations } from '@gridwhistle/platform';
import { DispatchEntity } from '../dispatch/dispatch.entity';
import { DecisionRecordEntity } from '../decisions/decision-record.entity';
import { CreateRoutingSchema1763856000000 } from './migrations/1763856000000-create-routing-schema';
import { AwaitingTriage1764633600000 } from './migrations/1764633600000-awaiting-triage';
import { DirectoryVersions1765000000000 } from './migrations/1765000000000-directory-versions';
import { Operators1764028700000 } from './migrations/1764028700000-operators';
import { DirectoryPublishers1766040000000 } from './migrations/1766040000000-directory-publishers';
import { DeadlineClocks1766000000000 } from './migrations/1766000000000-deadline-clocks';
import { ReturnsAndArbitration1767000000000 } from './migrations/1767000000000-returns-and-arbitration';
import { ClockRequests1767000000000 } from './migrations/1767000000000-clock-requests';

export function routingDatabase(env: { DATABASE_URL: string; DB_PASSWORD?: string }): PostgresConnectionOptions {
  return typeOrmOptions({
    databaseUrl: env.DATABASE_URL,
    db: serviceDatabase('routing', env.DB_PASSWORD),
    entities: [DispatchEntity, DecisionRecordEntity],
    migrations: [
      CreateRoutingSchema1763856000000,
      ...messagingMigrations('routing'),
      AwaitingTriage1764633600000,
      DirectoryVersions1765000000000,
      Operators1764028700000,
      ...callersMigrations('routing.operators'),
      DeadlineClocks1766000000000,
      DirectoryPublishers1766040000000,
      ReturnsAndArbitration1767000000000,
      ClockRequests1767000000000,
    ],
  });
}
