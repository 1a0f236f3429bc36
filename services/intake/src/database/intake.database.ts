import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { messagingMigrations } from '@gridwhistle/messaging';
import { serviceDatabase, typeOrmOptions } from '@gridwhistle/persistence';
import { callersMigrations } from '@gridwhistle/platform';
import { AreaEntity } from '../reference/area.entity';
import { CategoryEntity } from '../reference/category.entity';
import { IntegrationEntity } from '../integrations/integration.entity';
import { CaseEntity } from '../cases/case.entity';
import { TimelineEntryEntity } from '../cases/timeline-entry.entity';
import { CreateIntakeSchema1763856000000 } from './migrations/1763856000000-create-intake-schema';
import { AddRequestFingerprint1764028800000 } from './migrations/1764028800000-add-request-fingerprint';
import { ChannelsKindsOpen3111765238400000 } from './migrations/1765238400000-channels-kinds-open311';
import { DispatchRounds1767000000000 } from './migrations/1767000000000-dispatch-rounds';
import { OpenCasesIndex1767100000000 } from './migrations/1767100000000-open-cases-index';
import { ResidentMessages1767200000000 } from './migrations/1767200000000-resident-messages';
import { TrackingCodes1767300000000 } from './migrations/1767300000000-tracking-codes';
import { RequesterHash1767400000000 } from './migrations/1767400000000-requester-hash';

export const INTAKE_SCHEMA = 'intake';

export function intakeDatabase(env: { DATABASE_URL: string; DB_PASSWORD?: string }): PostgresConnectionOptions {
  return typeOrmOptions({
    databaseUrl: env.DATABASE_URL,
    db: serviceDatabase(INTAKE_SCHEMA, env.DB_PASSWORD),
    entities: [AreaEntity, CategoryEntity, IntegrationEntity, CaseEntity, TimelineEntryEntity],
    migrations: [
      CreateIntakeSchema1763856000000,
      ...messagingMigrations('intake'),
      ...callersMigrations('intake.integrations'),
      AddRequestFingerprint1764028800000,
      ChannelsKindsOpen3111765238400000,
      DispatchRounds1767000000000,
      OpenCasesIndex1767100000000,
      ResidentMessages1767200000000,
      TrackingCodes1767300000000,
      RequesterHash1767400000000,
    ],
  });
}
