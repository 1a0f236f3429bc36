import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Joint handling (首接负责): a lead may resolve a joint case before every assistant reported its
 * part only with a reason, kept per dispatch round with the assistants it did not wait for.
 * The assistants' reports themselves live on their own case rows (status resolved, the report
 * as their resolution).
 */
export class JointHandling1766040000000 implements MigrationInterface {
  name = 'JointHandling1766040000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE department.resolutions_without_assistants (
        case_id uuid NOT NULL,
        lead_code text NOT NULL,
        round int NOT NULL,
        reason text NOT NULL,
        assistants_pending text[] NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, lead_code, round)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE department.resolutions_without_assistants');
  }
}
