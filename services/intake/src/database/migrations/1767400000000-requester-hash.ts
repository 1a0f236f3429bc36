import { MigrationInterface, QueryRunner } from 'typeorm';

/** A keyed hash of the reporter's phone, to answer the same requester's repeat with the case already open. */
export class RequesterHash1767400000000 implements MigrationInterface {
  name = 'RequesterHash1767400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases ADD COLUMN requester_hash bytea`);
    await runner.query(`CREATE INDEX cases_open_by_requester ON intake.cases (requester_hash, category_code, grid_code) WHERE requester_hash IS NOT NULL AND status <> 'closed'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases DROP COLUMN requester_hash`);
  }
}
