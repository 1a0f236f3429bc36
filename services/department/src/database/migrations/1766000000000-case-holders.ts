import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One case may be held by several units (the lead, its assistants, the units copied) and move
 * between them round by round: a row per case and unit, with the unit's role and the dispatch
 * round that gave it the case.
 */
export class CaseHolders1766000000000 implements MigrationInterface {
  name = 'CaseHolders1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE department.cases
        ADD COLUMN role text NOT NULL DEFAULT 'lead' CHECK (role IN ('lead', 'assistant', 'copied')),
        ADD COLUMN round int NOT NULL DEFAULT 1,
        DROP CONSTRAINT cases_status_check,
        ADD CONSTRAINT cases_status_check
          CHECK (status IN ('dispatched', 'acknowledged', 'resolved', 'closed', 'returned', 'withdrawn')),
        DROP CONSTRAINT cases_pkey,
        ADD PRIMARY KEY (case_id, department_code)`);
    await runner.query(`ALTER TABLE department.cases ALTER COLUMN role DROP DEFAULT, ALTER COLUMN round DROP DEFAULT`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM department.cases WHERE role <> 'lead' OR status IN ('returned', 'withdrawn')`);
    await runner.query(`
      ALTER TABLE department.cases
        DROP CONSTRAINT cases_pkey,
        ADD PRIMARY KEY (case_id),
        DROP CONSTRAINT cases_status_check,
        ADD CONSTRAINT cases_status_check CHECK (status IN ('dispatched', 'acknowledged', 'resolved', 'closed')),
        DROP COLUMN role,
        DROP COLUMN round`);
  }
}
