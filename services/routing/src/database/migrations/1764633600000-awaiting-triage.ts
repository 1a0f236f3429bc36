import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A case without a route no longer ends as an 'unroutable' row that blocks its dispatch for
 * good: it waits for triage ('awaiting_triage') and its decision row moves on to 'dispatched'
 * later. Routing keeps what it needs to dispatch it then: the description and the trace.
 */
export class AwaitingTriage1764633600000 implements MigrationInterface {
  name = 'AwaitingTriage1764633600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE routing.dispatches DROP CONSTRAINT dispatches_outcome_check`);
    await runner.query(`ALTER TABLE routing.dispatches ADD COLUMN description text, ADD COLUMN traceparent text`);
    // Decided before routing kept descriptions: the department is told where the text is.
    await runner.query(`
      UPDATE routing.dispatches
      SET outcome = 'awaiting_triage', description = '(reported before routing kept descriptions; ask the reporting channel)'
      WHERE outcome = 'unroutable'`);
    await runner.query(`
      ALTER TABLE routing.dispatches
        ADD CONSTRAINT dispatches_outcome_check CHECK (outcome IN ('dispatched', 'awaiting_triage')),
        ADD CONSTRAINT dispatches_awaiting_described CHECK (outcome <> 'awaiting_triage' OR description IS NOT NULL)`);
    await runner.query(`CREATE INDEX dispatches_awaiting_triage ON routing.dispatches (decided_at) WHERE outcome = 'awaiting_triage'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX routing.dispatches_awaiting_triage`);
    await runner.query(`
      ALTER TABLE routing.dispatches DROP CONSTRAINT dispatches_awaiting_described, DROP CONSTRAINT dispatches_outcome_check`);
    await runner.query(`UPDATE routing.dispatches SET outcome = 'unroutable' WHERE outcome = 'awaiting_triage'`);
    await runner.query(`
      ALTER TABLE routing.dispatches
        DROP COLUMN description, DROP COLUMN traceparent,
        ADD CONSTRAINT dispatches_outcome_check CHECK (outcome IN ('dispatched', 'unroutable'))`);
  }
}
