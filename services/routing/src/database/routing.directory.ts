import { DataSource } from 'typeorm';
import { PublishResult, publishDirectory } from '../directory/directory.store';

export { InvalidDirectoryError } from '../directory/directory.validator';
export type { PublishResult } from '../directory/directory.store';

/** Setup's way to put a directory file into effect: routing's own validation, store and announcement. */
export function publishDirectoryVersion(dataSource: DataSource, document: unknown): Promise<PublishResult> {
  return dataSource.transaction((manager) => publishDirectory(manager, document));
}
