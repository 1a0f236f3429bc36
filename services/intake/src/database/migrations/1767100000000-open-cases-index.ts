import { MigrationInterface, QueryRunner } from 'typeorm';

/** Open cases by grid, for /metrics at every scrape: a partial index keeps that count off the closed cases. */
export class OpenCasesIndex1767100000000 implements MigrationInterface {
  name = 'OpenCasesIndex1767100000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX cases_open_by_grid ON intake.cases (grid_code, status) WHERE status <> 'closed'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX intake.cases_open_by_grid`);
  }
}
