import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a unit knows of its deadlines on a case, round by round: each clock's due time and
 * breach as routing announces them, the level of supervision (督办) and the register (挂账),
 * and what the unit itself did about them: an extension asked for (延期), a pause (挂起), the
 * first contact with the resident (首次联系).
 */
export class CaseDeadlines1767100000000 implements MigrationInterface {
  name = 'CaseDeadlines1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE department.case_deadlines (
        case_id uuid NOT NULL,
        department_code text NOT NULL,
        round int NOT NULL,
        clock_due jsonb NOT NULL DEFAULT '{}',
        breached text[] NOT NULL DEFAULT '{}',
        supervision_level text CHECK (supervision_level IN ('reminder', 'street', 'district')),
        supervision_due_at timestamptz,
        supervisor_code text,
        registered_at timestamptz,
        review_at timestamptz,
        extension_state text CHECK (extension_state IN ('requested', 'referred', 'granted', 'refused')),
        extension_until timestamptz,
        extension_reason text,
        extension_decision text,
        paused_since timestamptz,
        pause_reason text,
        pause_note text,
        paused_ms bigint NOT NULL DEFAULT 0,
        pauses int NOT NULL DEFAULT 0,
        first_contact_at timestamptz,
        first_contact_channel text,
        first_contact_note text,
        PRIMARY KEY (case_id, department_code, round)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE department.case_deadlines');
  }
}
