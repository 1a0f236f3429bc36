import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The channels of case.reported v3 (grid_worker became grid; walk-ins are taken at the 12345
 * service windows, so hotline, the old value kept in details.legacyChannel for down), each
 * case's kind of request and its details (grid worker, coordinates, address, media, Open311
 * attributes, how intake answered it); the directory's answers and fields per category, and
 * the grids' polygons for locating coordinates.
 */
export class ChannelsKindsOpen3111765238400000 implements MigrationInterface {
  name = 'ChannelsKindsOpen3111765238400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases ADD COLUMN request_kind text, ADD COLUMN details jsonb NOT NULL DEFAULT '{}'`);
    await runner.query(
      `UPDATE intake.cases SET details = jsonb_build_object('legacyChannel', channel),
         channel = CASE channel WHEN 'grid_worker' THEN 'grid' ELSE 'hotline' END
       WHERE channel IN ('grid_worker', 'walk_in')`,
    );
    await runner.query(`CREATE INDEX cases_reported_at ON intake.cases (reported_at)`);
    await runner.query(`CREATE INDEX timeline_entries_occurred_at ON intake.timeline_entries (occurred_at)`);
    await runner.query(
      `ALTER TABLE intake.categories ADD COLUMN request_kind text, ADD COLUMN emergency_number text, ADD COLUMN referral text,
         ADD COLUMN answer text, ADD COLUMN fields jsonb NOT NULL DEFAULT '[]'`,
    );
    await runner.query(`ALTER TABLE intake.areas ADD COLUMN geometry jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.areas DROP COLUMN geometry`);
    await runner.query(`ALTER TABLE intake.categories DROP COLUMN request_kind, DROP COLUMN emergency_number, DROP COLUMN referral, DROP COLUMN answer, DROP COLUMN fields`);
    await runner.query(`DROP INDEX intake.timeline_entries_occurred_at`);
    await runner.query(`DROP INDEX intake.cases_reported_at`);
    // Version 2 knew no web or Open311 channel: those cases count as the resident app's.
    await runner.query(
      `UPDATE intake.cases SET channel = coalesce(details->>'legacyChannel',
         CASE channel WHEN 'grid' THEN 'grid_worker' WHEN 'hotline' THEN 'hotline' ELSE 'resident_app' END)`,
    );
    await runner.query(`ALTER TABLE intake.cases DROP COLUMN details, DROP COLUMN request_kind`);
  }
}
