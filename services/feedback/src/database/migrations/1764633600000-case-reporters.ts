import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which integration reported each case, read from case.reported: only it may grade the case. */
export class CaseReporters1764633600000 implements MigrationInterface {
  name = 'CaseReporters1764633600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE feedback.case_reporters (case_id uuid PRIMARY KEY, integration_code text NOT NULL)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE feedback.case_reporters`);
  }
}
