import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@gridwhistle/messaging';

export class CreateRoutingSchema1763856000000 implements MigrationInterface {
  name = 'CreateRoutingSchema1763856000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE routing.category_routes (
        category_code text PRIMARY KEY,
        department_code text NOT NULL,
        department_name text NOT NULL,
        deadline_hours int NOT NULL CHECK (deadline_hours > 0)
      )`);
    await runner.query(`
      CREATE TABLE routing.dispatches (
        case_id uuid PRIMARY KEY,
        category_code text NOT NULL,
        grid_code text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('dispatched', 'unroutable')),
        department_code text,
        decided_at timestamptz NOT NULL,
        due_at timestamptz
      )`);
    await createMessagingTables(runner, 'routing');
  }

  async down(runner: QueryRunner): Promise<void> {
    await dropMessagingTables(runner, 'routing');
    await runner.query(`DROP TABLE routing.dispatches, routing.category_routes`);
  }
}
