import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@gridwhistle/messaging';
import { createCallersTable } from '@gridwhistle/platform';

export class CreateIntakeSchema1763856000000 implements MigrationInterface {
  name = 'CreateIntakeSchema1763856000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.areas (
        code text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('district', 'street', 'community', 'grid')),
        parent_code text REFERENCES intake.areas (code)
      )`);
    await runner.query(`CREATE TABLE intake.categories (code text PRIMARY KEY, name text NOT NULL)`);
    await createCallersTable(runner, 'intake.integrations');
    await runner.query(`
      CREATE TABLE intake.cases (
        id uuid PRIMARY KEY,
        category_code text NOT NULL REFERENCES intake.categories (code),
        grid_code text NOT NULL REFERENCES intake.areas (code),
        channel text NOT NULL,
        description text NOT NULL,
        reporter bytea,
        status text NOT NULL,
        reported_by text NOT NULL REFERENCES intake.integrations (code),
        idempotency_key text,
        traceparent text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE UNIQUE INDEX cases_idempotency ON intake.cases (reported_by, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await runner.query(`
      CREATE TABLE intake.timeline_entries (
        event_id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES intake.cases (id),
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await runner.query(`CREATE INDEX timeline_entries_case ON intake.timeline_entries (case_id, occurred_at)`);
    await createMessagingTables(runner, 'intake');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner, 'intake');
    await runner.query(`DROP TABLE intake.timeline_entries, intake.cases, intake.integrations, intake.categories, intake.areas`);
  }
}
