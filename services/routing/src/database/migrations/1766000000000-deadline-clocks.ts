import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable deadlines: the clocks of each case and unit (started and stopped in the transaction
 * of the state change that starts or stops them), and the timers of each clock (its warnings,
 * breach and ladder), claimed with SKIP LOCKED so that each fires once across replicas.
 */
export class DeadlineClocks1766000000000 implements MigrationInterface {
  name = 'DeadlineClocks1766000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE routing.case_clocks (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        unit_code text NOT NULL,
        clock text NOT NULL,
        round int NOT NULL,
        grid_code text NOT NULL,
        policy text NOT NULL,
        started_at timestamptz NOT NULL,
        measure text NOT NULL,
        budget_ms bigint NOT NULL,
        pauses jsonb NOT NULL DEFAULT '[]',
        due_at timestamptz,
        stopped_at timestamptz,
        stop_reason text,
        traceparent text,
        UNIQUE (case_id, unit_code, clock, round)
      )`);
    await runner.query(`CREATE INDEX case_clocks_running ON routing.case_clocks (case_id) WHERE stopped_at IS NULL`);
    await runner.query(`
      CREATE TABLE routing.clock_timers (
        clock_id bigint NOT NULL REFERENCES routing.case_clocks (id) ON DELETE CASCADE,
        step text NOT NULL,
        fire_at timestamptz,
        fired_at timestamptz,
        PRIMARY KEY (clock_id, step)
      )`);
    await runner.query(`CREATE INDEX clock_timers_due ON routing.clock_timers (fire_at) WHERE fired_at IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE routing.clock_timers');
    await runner.query('DROP TABLE routing.case_clocks');
  }
}
