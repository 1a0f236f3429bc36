import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extension requests (延期) of resolve clocks and what became of them: granted by the policy,
 * waiting for the command centre, granted or refused by an operator.
 */
export class ClockRequests1767000000000 implements MigrationInterface {
  name = 'ClockRequests1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE routing.clock_extensions (
        id bigserial PRIMARY KEY,
        clock_id bigint NOT NULL REFERENCES routing.case_clocks (id) ON DELETE CASCADE,
        case_id uuid NOT NULL,
        unit_code text NOT NULL,
        round int NOT NULL,
        until timestamptz NOT NULL,
        reason text NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'granted', 'refused')),
        decided_by text CHECK (decided_by IN ('policy', 'command_centre')),
        operator_code text,
        decision_reason text,
        requested_at timestamptz NOT NULL,
        decided_at timestamptz
      )`);
    await runner.query(`CREATE INDEX clock_extensions_case ON routing.clock_extensions (case_id, id)`);
    await runner.query(`CREATE UNIQUE INDEX clock_extensions_one_pending ON routing.clock_extensions (clock_id) WHERE state = 'pending'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE routing.clock_extensions');
  }
}
