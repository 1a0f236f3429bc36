import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@gridwhistle/messaging';
import { createCallersTable } from '@gridwhistle/platform';

export class CreateFeedbackSchema1763856000000 implements MigrationInterface {
  name = 'CreateFeedbackSchema1763856000000';

  async up(runner: QueryRunner): Promise<void> {
    await createCallersTable(runner, 'feedback.integrations');
    await runner.query(`
      CREATE TABLE feedback.callbacks (
        case_id uuid PRIMARY KEY,
        department_code text NOT NULL,
        status text NOT NULL CHECK (status IN ('awaiting_feedback', 'graded', 'closed')),
        resolved_at timestamptz NOT NULL,
        rating text CHECK (rating IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
        graded_by text,
        graded_at timestamptz,
        traceparent text NOT NULL
      )`);
    await createMessagingTables(runner, 'feedback');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner, 'feedback');
    await runner.query(`DROP TABLE feedback.callbacks, feedback.integrations`);
  }
}
