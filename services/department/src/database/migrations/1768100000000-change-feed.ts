import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change feed: one row per thing that happened to a unit's case, numbered by `position`
 * and stamped with the writing transaction's id (`xid`), which the reader needs to never skip
 * an entry committed late (see ChangeFeedReader).
 */
export class ChangeFeed1768100000000 implements MigrationInterface {
  name = 'ChangeFeed1768100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE department.change_feed (
        position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
        unit_code text NOT NULL,
        type text NOT NULL,
        case_id uuid,
        occurred_at timestamptz NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        xid xid8 NOT NULL
      )`);
    await runner.query(`CREATE INDEX change_feed_unit_position ON department.change_feed (unit_code, position)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE department.change_feed`);
  }
}
