import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { PayloadOf, createEvent, directoryKey } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Directory } from './directory';
import { DirectoryDocument } from './directory.document';
import { InvalidDirectoryError, validateDirectory } from './directory.validator';

export interface PublishResult {
  version: number;
  /** False when this version (same content) or a newer one is running already. */
  published: boolean;
}

/**
 * Puts a directory version into effect inside the caller's transaction: validated whole first
 * (InvalidDirectoryError names every problem, and the running version stays), stored, and
 * announced as directory.published through the outbox. Versions only go forward; the same
 * version again with the same content is a no-op, with other content it is refused.
 * `publishedBy` is the operator who submitted it; setup's file has none.
 */
export async function publishDirectory(
  manager: EntityManager,
  input: unknown,
  { outbox = new OutboxWriter('routing'), publishedBy = null }: { outbox?: OutboxWriter; publishedBy?: string | null } = {},
): Promise<PublishResult> {
  const document = validateDirectory(input);
  const json = JSON.stringify(input);
  const checksum = createHash('sha256').update(json).digest('hex');
  // One publisher at a time, so that two versions cannot both believe they are the newest.
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('routing.directory_versions'))`);
  const [running]: { version: number; checksum: string }[] = await manager.query(
    'SELECT version, checksum FROM routing.directory_versions ORDER BY version DESC LIMIT 1',
  );
  if (running && document.version === running.version && checksum !== running.checksum) {
    throw new InvalidDirectoryError([
      { path: '$.version', reason: `version ${running.version} is running with other content: give this one a higher version` },
    ]);
  }
  if (running && document.version <= running.version) return { version: running.version, published: false };
  await manager.query('INSERT INTO routing.directory_versions (version, city, checksum, document, published_by) VALUES ($1, $2, $3, $4, $5)', [
    document.version,
    document.city,
    checksum,
    json,
    publishedBy,
  ]);
  await outbox.add(manager, createEvent('directory.published', directoryKey(document.city), announcement(new Directory(document.version, document))));
  return { version: document.version, published: true };
}

/** What the other services learn of a version: its public parts, without the catalogue. */
function announcement(directory: Directory): PayloadOf<'directory.published'> {
  const { city, version, units, categories } = directory.document;
  return {
    city,
    version,
    areas: directory.flatAreas(),
    units: units.map(({ code, name, kind, areaCode }) => ({ code, name, kind, ...(areaCode ? { areaCode } : {}) })),
    categories: categories.map(({ code, name, class: kind, group, requestKind, severity, emergencyNumber, referral, answer, fields }) => ({
      ...{ code, name, class: kind, group, requestKind, severity },
      ...(emergencyNumber ? { emergencyNumber } : {}),
      ...(referral ? { referral } : {}),
      ...(answer ? { answer } : {}),
      ...(fields?.length ? { fields } : {}),
    })),
  };
}

/** The running version as decisions use it: one small query per call, the parsed document cached. */
export class RunningDirectory {
  private cached?: Directory;

  async get(manager: EntityManager): Promise<Directory | undefined> {
    const [row]: { version: number }[] = await manager.query('SELECT version FROM routing.directory_versions ORDER BY version DESC LIMIT 1');
    if (!row) return undefined;
    if (this.cached?.version !== row.version) {
      const [{ document }]: { document: DirectoryDocument }[] = await manager.query(
        'SELECT document FROM routing.directory_versions WHERE version = $1',
        [row.version],
      );
      this.cached = new Directory(row.version, document);
    }
    return this.cached;
  }
}
