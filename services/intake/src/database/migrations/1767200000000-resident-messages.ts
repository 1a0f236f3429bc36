import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The feedback links owed to residents (from case.feedback_requested), kept until sent: the
 * sender retries through a gateway's outage instead of losing or dead-lettering the request.
 */
export class ResidentMessages1767200000000 implements MigrationInterface {
  name = 'ResidentMessages1767200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE intake.resident_messages (
        nonce text PRIMARY KEY,
        case_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'no_contact', 'expired')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await runner.query(`CREATE INDEX resident_messages_due ON intake.resident_messages (next_attempt_at) WHERE status = 'pending'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE intake.resident_messages`);
  }
}
