import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole answer (solved, satisfaction, comment) per handling round, reopening (重办), the
 * answer window's timer, the resident's single-use links, and what feedback knows of a case
 * to show it to its resident.
 */
export class AnswersAndReopening1767000000000 implements MigrationInterface {
  name = 'AnswersAndReopening1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE feedback.case_reporters
        ADD COLUMN category_code text, ADD COLUMN grid_code text, ADD COLUMN channel text,
        ADD COLUMN description text, ADD COLUMN reported_at timestamptz`);
    await runner.query(`
      ALTER TABLE feedback.callbacks
        ADD COLUMN reopen_count int NOT NULL DEFAULT 0,
        ADD COLUMN policy_version text,
        ADD COLUMN answer_due_at timestamptz,
        ADD COLUMN solved boolean,
        ADD COLUMN outcome text,
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN resolution text,
        DROP CONSTRAINT callbacks_status_check,
        ADD CONSTRAINT callbacks_status_check
          CHECK (status IN ('awaiting_feedback', 'graded', 'closed', 'reopened', 'escalated'))`);
    // The answer window's timer: the poller takes the overdue rows of this index.
    await runner.query(`CREATE INDEX callbacks_answer_due ON feedback.callbacks (answer_due_at) WHERE status = 'awaiting_feedback'`);
    await runner.query(`
      CREATE TABLE feedback.answers (
        case_id uuid NOT NULL,
        reopen_count int NOT NULL,
        department_code text NOT NULL,
        solved boolean,
        rating text CHECK (rating IN ('satisfied', 'basically_satisfied', 'unsatisfied')),
        outcome text NOT NULL,
        comment bytea,
        answered_by text NOT NULL,
        answered_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, reopen_count)
      )`);
    await runner.query(`
      CREATE TABLE feedback.links (
        nonce text PRIMARY KEY,
        case_id uuid NOT NULL,
        reopen_count int NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    // One link per round: a case's two topics may both ask for it at once.
    await runner.query(`CREATE UNIQUE INDEX links_case_round ON feedback.links (case_id, reopen_count)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE feedback.links, feedback.answers`);
    await runner.query(`DELETE FROM feedback.callbacks WHERE status IN ('reopened', 'escalated')`);
    await runner.query(`
      ALTER TABLE feedback.callbacks
        DROP CONSTRAINT callbacks_status_check,
        ADD CONSTRAINT callbacks_status_check CHECK (status IN ('awaiting_feedback', 'graded', 'closed')),
        DROP COLUMN reopen_count, DROP COLUMN policy_version, DROP COLUMN answer_due_at,
        DROP COLUMN solved, DROP COLUMN outcome, DROP COLUMN closed_at, DROP COLUMN resolution`);
    await runner.query(`
      ALTER TABLE feedback.case_reporters
        DROP COLUMN category_code, DROP COLUMN grid_code, DROP COLUMN channel, DROP COLUMN description, DROP COLUMN reported_at`);
  }
}
