import { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { messagingMigrations } from '@gridwhistle/messaging';
import { serviceDatabase, typeOrmOptions } from '@gridwhistle/persistence';
import { callersMigrations } from '@gridwhistle/platform';
import { DepartmentEntity } from '../departments/department.entity';
import { DepartmentCaseEntity } from '../cases/department-case.entity';
import { UnitEntity } from '../units/unit.entity';
import { CreateDepartmentSchema1763856000000 } from './migrations/1763856000000-create-department-schema';
import { Units1765000000000 } from './migrations/1765000000000-units';
import { CaseHolders1766000000000 } from './migrations/1766000000000-case-holders';
import { JointHandling1766040000000 } from './migrations/1766040000000-joint-handling';
import { CaseReturns1767000000000 } from './migrations/1767000000000-case-returns';
import { Reopening1767100000000 } from './migrations/1767100000000-reopening';
import { Desk1768000000000 } from './migrations/1768000000000-desk';
import { CaseDeadlines1767100000000 } from './migrations/1767100000000-case-deadlines';
import { ChangeFeed1768100000000 } from './migrations/1768100000000-change-feed';
import { Webhooks1768200000000 } from './migrations/1768200000000-webhooks';

export function departmentDatabase(env: { DATABASE_URL: string; DB_PASSWORD?: string }): PostgresConnectionOptions {
  return typeOrmOptions({
    databaseUrl: env.DATABASE_URL,
    db: serviceDatabase('department', env.DB_PASSWORD),
    entities: [DepartmentEntity, DepartmentCaseEntity, UnitEntity],
    migrations: [
      CreateDepartmentSchema1763856000000,
      ...messagingMigrations('department'),
      ...callersMigrations('department.departments'),
      Units1765000000000,
      CaseHolders1766000000000,
      JointHandling1766040000000,
      CaseReturns1767000000000,
      Reopening1767100000000,
      Desk1768000000000,
      CaseDeadlines1767100000000,
      ChangeFeed1768100000000,
      Webhooks1768200000000,
    ],
  });
}
