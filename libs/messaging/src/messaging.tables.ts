import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox and inbox tables every service keeps in its own schema. Called from each
 * service's first migration so that the tables are versioned with the rest of its schema.
 */
export async function createMessagingTables(runner: QueryRunner, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await runner.query(`
    CREATE TABLE ${s}.outbox (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      case_id uuid NOT NULL,
      topic text NOT NULL,
      type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz
    )`);
  await runner.query(`CREATE INDEX outbox_unpublished ON ${s}.outbox (seq) WHERE published_at IS NULL`);
  await runner.query(`CREATE INDEX outbox_published_at ON ${s}.outbox (published_at) WHERE published_at IS NOT NULL`);
  await runner.query(`
    CREATE FUNCTION ${s}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_notify('${schema}_outbox', ''); RETURN NULL; END $$`);
  await runner.query(`
    CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION ${s}.notify_outbox()`);
  await runner.query(`
    CREATE TABLE ${s}.inbox (
      event_id uuid PRIMARY KEY,
      type text NOT NULL,
      handled_at timestamptz NOT NULL DEFAULT now()
    )`);
}

export async function dropMessagingTables(runner: QueryRunner, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await runner.query(`DROP TABLE ${s}.inbox`);
  await runner.query(`DROP TABLE ${s}.outbox`);
  await runner.query(`DROP FUNCTION ${s}.notify_outbox()`);
}

/**
 * The messaging tables' later versions, as migrations that each service lists after its own
 * first one. Version 2: an index on when inbox entries were handled, so that old ones can be
 * pruned (see InboxServer).
 */
export function messagingMigrations(schema: string): (new () => MigrationInterface)[] {
  return [
    class InboxRetention1763942400000 implements MigrationInterface {
      name = 'InboxRetention1763942400000';

      async up(runner: QueryRunner): Promise<void> {
        await runner.query(`CREATE INDEX inbox_handled_at ON "${schema}".inbox (handled_at)`);
      }

      async down(runner: QueryRunner): Promise<void> {
        await runner.query(`DROP INDEX "${schema}".inbox_handled_at`);
      }
    },
  ];
}

export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}
