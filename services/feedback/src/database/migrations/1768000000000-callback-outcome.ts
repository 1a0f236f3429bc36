import { MigrationInterface, QueryRunner } from 'typeorm';

/** How the department ended the handling (case.resolved v2): the callback asks about a fix, or about a case that cannot be fixed. */
export class CallbackOutcome1768000000000 implements MigrationInterface {
  name = 'CallbackOutcome1768000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE feedback.callbacks ADD COLUMN outcome text NOT NULL DEFAULT 'fixed'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE feedback.callbacks DROP COLUMN outcome`);
  }
}
