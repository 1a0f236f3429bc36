import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units' webhook endpoints, one delivery per endpoint and change-feed entry, and each
 * delivery's attempts. `feed_position` is how far the endpoint has taken the unit's feed.
 */
export class Webhooks1768200000000 implements MigrationInterface {
  name = 'Webhooks1768200000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE department.webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_code text NOT NULL,
        url text NOT NULL,
        event_types text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        secret_sealed text NOT NULL,
        previous_secret_sealed text,
        previous_secret_until timestamptz,
        feed_position bigint NOT NULL,
        failing_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX webhook_endpoints_unit ON department.webhook_endpoints (unit_code, created_at)`);
    await runner.query(`
      CREATE TABLE department.webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES department.webhook_endpoints ON DELETE CASCADE,
        entry_position bigint NOT NULL REFERENCES department.change_feed (position),
        state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        delivered_at timestamptz,
        UNIQUE (endpoint_id, entry_position)
      )`);
    await runner.query(`CREATE INDEX webhook_deliveries_due ON department.webhook_deliveries (next_attempt_at) WHERE state = 'pending'`);
    await runner.query(`
      CREATE TABLE department.webhook_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES department.webhook_deliveries ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        status_code int,
        duration_ms int NOT NULL,
        error text,
        response_excerpt text
      )`);
    await runner.query(`CREATE INDEX webhook_attempts_delivery ON department.webhook_attempts (delivery_id, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE department.webhook_attempts, department.webhook_deliveries, department.webhook_endpoints`);
  }
}
