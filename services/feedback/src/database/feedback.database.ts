import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { messagingMigrations } from '@gridwhistle/messaging';
import { serviceDatabase, typeOrmOptions } from '@gridwhistle/persistence';
import { callersMigrations } from '@gridwhistle/platform';
import { IntegrationEntity } from '../integrations/integration.entity';
import { CallbackEntity } from '../callbacks/callback.entity';
import { CaseReporterEntity } from '../callbacks/case-reporter.entity';
import { CreateFeedbackSchema1763856000000 } from './migrations/1763856000000-create-feedback-schema';
import { CaseReporters1764633600000 } from './migrations/1764633600000-case-reporters';
import { CallbackOutcome1768000000000 } from './migrations/1768000000000-callback-outcome';

export function feedbackDatabase(env: { DATABASE_URL: string; DB_PASSWORD?: string }): PostgresConnectionOptions {
  return typeOrmOptions({
    databaseUrl: env.DATABASE_URL,
    db: serviceDatabase('feedback', env.DB_PASSWORD),
    entities: [IntegrationEntity, CallbackEntity, CaseReporterEntity],
    migrations: [
      CreateFeedbackSchema1763856000000,
      ...messagingMigrations('feedback'),
      ...callersMigrations('feedback.integrations'),
      CaseReporters1764633600000,
      CallbackOutcome1768000000000,
    ],
  });
}
