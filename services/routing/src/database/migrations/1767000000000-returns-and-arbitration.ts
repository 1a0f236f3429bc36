import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case moves round by round: each return (退单), manual dispatch, ruling or re-route is the
 * next round. Routing keeps the round, the units that returned the case and whether its lead
 * may return it; a case may wait for the command centre's ruling (awaiting_arbitration). The
 * command centre's every action is audited, and a ruling's proposed catalogue change is kept
 * for the catalogue's next version.
 */
export class ReturnsAndArbitration1767000000000 implements MigrationInterface {
  name = 'ReturnsAndArbitration1767000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE routing.dispatches
        ADD COLUMN round int NOT NULL DEFAULT 1,
        ADD COLUMN returned_by text[] NOT NULL DEFAULT '{}',
        ADD COLUMN returnable boolean NOT NULL DEFAULT true,
        DROP CONSTRAINT dispatches_outcome_check,
        ADD CONSTRAINT dispatches_outcome_check CHECK (outcome IN ('dispatched', 'awaiting_triage', 'awaiting_arbitration'))`);
    await runner.query(`CREATE INDEX dispatches_awaiting_arbitration ON routing.dispatches (decided_at) WHERE outcome = 'awaiting_arbitration'`);
    await runner.query(`
      CREATE TABLE routing.command_centre_audit (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        operator_code text NOT NULL,
        action text NOT NULL CHECK (action IN ('dispatch', 'arbitrate', 'reroute')),
        reason text NOT NULL,
        details jsonb NOT NULL,
        acted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX command_centre_audit_by_case ON routing.command_centre_audit (case_id, id)`);
    await runner.query(`
      CREATE TABLE routing.catalogue_proposals (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        operator_code text NOT NULL,
        directory_version int NOT NULL REFERENCES routing.directory_versions (version),
        proposal jsonb NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE routing.catalogue_proposals, routing.command_centre_audit`);
    await runner.query(`DROP INDEX routing.dispatches_awaiting_arbitration`);
    await runner.query(`UPDATE routing.dispatches SET outcome = 'awaiting_triage' WHERE outcome = 'awaiting_arbitration'`);
    await runner.query(`
      ALTER TABLE routing.dispatches
        DROP COLUMN round, DROP COLUMN returned_by, DROP COLUMN returnable,
        DROP CONSTRAINT dispatches_outcome_check,
        ADD CONSTRAINT dispatches_outcome_check CHECK (outcome IN ('dispatched', 'awaiting_triage'))`);
  }
}
