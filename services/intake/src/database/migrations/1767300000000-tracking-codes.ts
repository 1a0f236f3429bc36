import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each case gets a sequence number, from which its short tracking code is made (cases before get theirs now). */
export class TrackingCodes1767300000000 implements MigrationInterface {
  name = 'TrackingCodes1767300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE SEQUENCE intake.case_numbers`);
    await runner.query(`ALTER TABLE intake.cases ADD COLUMN case_number bigint NOT NULL DEFAULT nextval('intake.case_numbers')`);
    await runner.query(`ALTER SEQUENCE intake.case_numbers OWNED BY intake.cases.case_number`);
    await runner.query(`ALTER TABLE intake.cases ADD CONSTRAINT cases_case_number_key UNIQUE (case_number)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases DROP COLUMN case_number`);
  }
}
