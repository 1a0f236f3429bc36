import { MigrationInterface, QueryRunner } from 'typeorm';

/** The handling units of routing's directory, as a read-model (see UnitEntity). */
export class Units1765000000000 implements MigrationInterface {
  name = 'Units1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE department.units (
        code text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        area_code text,
        directory_version int NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE department.units');
  }
}
