import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who put each directory version into effect: an operator's code, or null for setup's file. */
export class DirectoryPublishers1766040000000 implements MigrationInterface {
  name = 'DirectoryPublishers1766040000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE routing.directory_versions ADD COLUMN published_by text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE routing.directory_versions DROP COLUMN published_by');
  }
}
