import { DataSource } from 'typeorm';
import { PublishResult, publishDirectory } from '../directory/directory.store';

export { InvalidDirectoryError } from '../directory/directory.validator';
export type { PublishResult } from '../directory/directory.store';

/** Setup's way to put a directory file into effect: routing's own validation, store and announcement. */
export function publishDirectoryVersion(dataSource: DataSource, document: unknown): Promise<PublishResult> {
  return dataSource.transaction((manager) => publishDirectory(manager, document));
}

/** Loads the command centre's operators and their API key hashes; running it again updates in place. */
export async function seedOperators(dataSource: DataSource, operators: { code: string; name: string; apiKeyHash: string }[]): Promise<void> {
  await dataSource.query(
    `INSERT INTO routing.operators (code, name, api_key_hash) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT (code) DO UPDATE SET name = excluded.name, api_key_hash = excluded.api_key_hash`,
    [operators.map((o) => o.code), operators.map((o) => o.name), operators.map((o) => o.apiKeyHash)],
  );
}
