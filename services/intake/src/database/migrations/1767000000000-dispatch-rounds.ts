import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case may be returned (退单), re-routed and held for the command centre's ruling: the public
 * status follows the dispatch round it is in, so that a late event of an earlier round cannot
 * move it back.
 */
export class DispatchRounds1767000000000 implements MigrationInterface {
  name = 'DispatchRounds1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases ADD COLUMN round int NOT NULL DEFAULT 1`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases DROP COLUMN round`);
  }
}
