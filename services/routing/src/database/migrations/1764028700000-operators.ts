import { MigrationInterface, QueryRunner } from 'typeorm';
import { createCallersTable } from '@gridwhistle/platform';

/**
 * The command centre's operators: the callers of routing's HTTP API, one API key each (only its
 * hash). Timestamped just before the callers table's own later versions (callersMigrations),
 * which TypeORM runs in timestamp order after it.
 */
export class Operators1764028700000 implements MigrationInterface {
  name = 'Operators1764028700000';

  async up(runner: QueryRunner): Promise<void> {
    await createCallersTable(runner, 'routing.operators');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE routing.operators');
  }
}
