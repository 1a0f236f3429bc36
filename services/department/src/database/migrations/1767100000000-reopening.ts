import { MigrationInterface, QueryRunner } from 'typeorm';

/** How often the residents' answers sent a case back (重办), and the supervision level (督办) of its current round. */
export class Reopening1767100000000 implements MigrationInterface {
  name = 'Reopening1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE department.cases ADD COLUMN reopen_count int NOT NULL DEFAULT 0, ADD COLUMN supervision_level int NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE department.cases DROP COLUMN reopen_count, DROP COLUMN supervision_level`);
  }
}
