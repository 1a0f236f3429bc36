import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keyed fingerprint of the request that created a case with an Idempotency-Key; null for older cases. */
export class AddRequestFingerprint1764028800000 implements MigrationInterface {
  name = 'AddRequestFingerprint1764028800000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases ADD COLUMN request_fingerprint bytea`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE intake.cases DROP COLUMN request_fingerprint`);
  }
}
