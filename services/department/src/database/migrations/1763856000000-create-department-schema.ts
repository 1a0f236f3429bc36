import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@gridwhistle/messaging';
import { createCallersTable } from '@gridwhistle/platform';

export class CreateDepartmentSchema1763856000000 implements MigrationInterface {
  name = 'CreateDepartmentSchema1763856000000';

  async up(runner: QueryRunner): Promise<void> {
    await createCallersTable(runner, 'department.departments');
    await runner.query(`
      CREATE TABLE department.cases (
        case_id uuid PRIMARY KEY,
        department_code text NOT NULL,
        category_code text NOT NULL,
        grid_code text NOT NULL,
        description text NOT NULL,
        status text NOT NULL CHECK (status IN ('dispatched', 'acknowledged', 'resolved', 'closed')),
        dispatched_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        resolved_at timestamptz,
        resolution text,
        traceparent text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX cases_by_department ON department.cases (department_code, status, dispatched_at)`);
    await runner.query(`CREATE INDEX cases_by_department_page ON department.cases (department_code, dispatched_at, case_id)`);
    await createMessagingTables(runner, 'department');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner, 'department');
    await runner.query(`DROP TABLE department.cases, department.departments`);
  }
}
