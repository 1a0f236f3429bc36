import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory becomes versioned data: every version that took effect is kept whole, and
 * every decision is recorded with its rule, inputs, alternatives and the version it used. The
 * category-to-department table gives way to the directory's dispatch catalogue.
 */
export class DirectoryVersions1765000000000 implements MigrationInterface {
  name = 'DirectoryVersions1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE routing.directory_versions (
        version int PRIMARY KEY,
        city text NOT NULL,
        checksum text NOT NULL,
        document jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE routing.decisions (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        decided_at timestamptz NOT NULL,
        directory_version int REFERENCES routing.directory_versions (version),
        rule text NOT NULL,
        record jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX decisions_by_case ON routing.decisions (case_id, id)`);
    // The version a waiting case was last examined with: each new version looks at it once more.
    await runner.query(`ALTER TABLE routing.dispatches ADD COLUMN directory_version int`);
    await runner.query(`DROP TABLE routing.category_routes`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE routing.category_routes (
        category_code text PRIMARY KEY,
        department_code text NOT NULL,
        department_name text NOT NULL,
        deadline_hours int NOT NULL
      )`);
    await runner.query(`ALTER TABLE routing.dispatches DROP COLUMN directory_version`);
    await runner.query(`DROP TABLE routing.decisions`);
    await runner.query(`DROP TABLE routing.directory_versions`);
  }
}
