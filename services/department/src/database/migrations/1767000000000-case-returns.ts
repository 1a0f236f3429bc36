import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lead of a dispatch round may give the case back (退单) while the dispatch allows it: the
 * row keeps whether and until when it may, and once returned, why and on what basis.
 * Rows dispatched before returns existed may not be returned.
 */
export class CaseReturns1767000000000 implements MigrationInterface {
  name = 'CaseReturns1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE department.cases
        ADD COLUMN returnable boolean NOT NULL DEFAULT false,
        ADD COLUMN returnable_until timestamptz,
        ADD COLUMN returned_at timestamptz,
        ADD COLUMN return_reason text,
        ADD COLUMN return_basis text,
        ADD CONSTRAINT cases_returned_with_reason CHECK (status <> 'returned' OR (return_reason IS NOT NULL AND return_basis IS NOT NULL))`);
    await runner.query(`ALTER TABLE department.cases ALTER COLUMN returnable DROP DEFAULT`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE department.cases
        DROP CONSTRAINT cases_returned_with_reason,
        DROP COLUMN returnable, DROP COLUMN returnable_until, DROP COLUMN returned_at, DROP COLUMN return_reason, DROP COLUMN return_basis`);
  }
}
