import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The desk: each row carries a version (its ETag) and a change sequence (the list's cursor, see
 * case-list.query.ts), both kept by triggers so that every writer keeps them true; the lead's
 * outcome and evidence photos, the resident's rating; and the timeline of each unit's own
 * actions and notes.
 *
 * The change sequence is drawn at commit time, by a deferred trigger, under one advisory lock
 * held until the commit is visible: numbers are therefore handed out in commit order, and a
 * reader that sees a number has seen every smaller one. The trigger numbers all the rows of its
 * transaction in one statement (the first of its row events does it, the others find it done),
 * touches only rows its own transaction already locked, and takes the lock last, so it cannot
 * deadlock with a row lock.
 */
export class Desk1768000000000 implements MigrationInterface {
  name = 'Desk1768000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE department.cases
        ADD COLUMN version int NOT NULL DEFAULT 1,
        ADD COLUMN change_seq bigint,
        ADD COLUMN outcome text,
        ADD COLUMN evidence jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN rating text,
        ADD COLUMN graded_at timestamptz,
        DROP CONSTRAINT cases_status_check,
        ADD CONSTRAINT cases_status_check CHECK (status IN ('dispatched', 'acknowledged', 'resolved', 'unfixable', 'closed', 'returned', 'withdrawn')),
        ADD CONSTRAINT cases_outcome_check CHECK (outcome IN ('fixed', 'cannot_fix'))`);
    await runner.query(`CREATE SEQUENCE department.case_changes`);
    await runner.query(`UPDATE department.cases SET change_seq = nextval('department.case_changes')`);
    // A change by a writer raises the version; the change sequence's own stamp (nested, depth 2) does not.
    // A change by a writer raises the version and clears the change sequence, which the commit stamps
    // (the stamp's own update, nested at depth 2, does neither).
    await runner.query(`
      CREATE FUNCTION department.raise_case_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() = 1 THEN
          IF TG_OP = 'UPDATE' THEN NEW.version := OLD.version + 1; END IF;
          NEW.change_seq := NULL;
        END IF;
        RETURN NEW;
      END $$`);
    await runner.query(`
      CREATE TRIGGER raise_case_version BEFORE INSERT OR UPDATE ON department.cases
        FOR EACH ROW EXECUTE FUNCTION department.raise_case_version()`);
    // At commit, once per transaction: under the lock, one statement numbers every row the
    // transaction changed (the only unstamped rows it can see: other writers' are not committed,
    // and a committed writer stamped its own). Later rows of the same commit find it done.
    await runner.query(`
      CREATE FUNCTION department.stamp_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('department.stamped', true) = pg_current_xact_id()::text THEN RETURN NULL; END IF;
        PERFORM pg_advisory_xact_lock(hashtext('department.case_changes'));
        UPDATE department.cases SET change_seq = nextval('department.case_changes') WHERE change_seq IS NULL;
        PERFORM set_config('department.stamped', pg_current_xact_id()::text, true);
        RETURN NULL;
      END $$`);
    await runner.query(`
      CREATE CONSTRAINT TRIGGER stamp_case_change AFTER INSERT OR UPDATE ON department.cases
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (pg_trigger_depth() = 0)
        EXECUTE FUNCTION department.stamp_case_change()`);
    await runner.query(`CREATE INDEX cases_unstamped ON department.cases (case_id) WHERE change_seq IS NULL`);
    await runner.query(`CREATE UNIQUE INDEX cases_unit_changes ON department.cases (department_code, change_seq)`);
    await runner.query(`
      CREATE TABLE department.case_actions (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL,
        unit_code text NOT NULL,
        round int NOT NULL,
        action text NOT NULL,
        text text,
        at timestamptz NOT NULL,
        FOREIGN KEY (case_id, unit_code) REFERENCES department.cases (case_id, department_code)
      )`);
    await runner.query(`CREATE INDEX case_actions_of_unit ON department.case_actions (case_id, unit_code, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE department.case_actions`);
    await runner.query(`DROP TRIGGER stamp_case_change ON department.cases`);
    await runner.query(`DROP TRIGGER raise_case_version ON department.cases`);
    await runner.query(`DROP FUNCTION department.stamp_case_change()`);
    await runner.query(`DROP FUNCTION department.raise_case_version()`);
    await runner.query(`DROP INDEX department.cases_unit_changes`);
    await runner.query(`DROP SEQUENCE department.case_changes`);
    await runner.query(`
      ALTER TABLE department.cases
        DROP CONSTRAINT cases_status_check,
        ADD CONSTRAINT cases_status_check CHECK (status IN ('dispatched', 'acknowledged', 'resolved', 'closed', 'returned', 'withdrawn')),
        DROP COLUMN version, DROP COLUMN change_seq, DROP COLUMN outcome, DROP COLUMN evidence, DROP COLUMN rating, DROP COLUMN graded_at`);
  }
}
