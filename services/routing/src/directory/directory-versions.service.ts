import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Problem } from '@gridwhistle/platform';
import { DirectoryDocument } from './directory.document';
import { DirectoryDiff, diffDirectories } from './directory.diff';
import { publishDirectory } from './directory.store';
import { InvalidDirectoryError } from './directory.validator';
import { DirectoryVersionDto, DirectoryVersionListDto, PublishedVersionDto } from './directory-versions.dto';

interface VersionRow {
  version: number;
  city: string;
  checksum: string;
  published_at: Date;
  published_by: string | null;
}

const COLUMNS = 'version, city, checksum, published_at, published_by';

/**
 * The command centre's view of the directory's versions: which took effect, when and by whom,
 * each document whole, how two differ, and a new version submitted by an operator, validated
 * whole and put into effect only when valid and newer (the running version stays otherwise).
 */
@Injectable()
export class DirectoryVersionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
  ) {}

  async list(): Promise<DirectoryVersionListDto> {
    const rows: VersionRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM routing.directory_versions ORDER BY version DESC`);
    return { versions: rows.map((row, i) => versionView(row, i === 0)) };
  }

  async document(version: number, manager: EntityManager = this.dataSource.manager): Promise<DirectoryDocument> {
    const [row]: { document: DirectoryDocument }[] = await manager.query('SELECT document FROM routing.directory_versions WHERE version = $1', [version]);
    if (!row) throw new Problem(404, 'not-found', `no directory version ${version} took effect`);
    return row.document;
  }

  /** `version` compared with `against` (a version number or the running one): what `version` adds, removes and changes. */
  async diff(version: number, against: string): Promise<DirectoryDiff> {
    const other = against === 'running' ? await this.runningVersion() : Number(against);
    const [to, from] = await Promise.all([this.document(version), this.document(other)]);
    return diffDirectories(from, to);
  }

  /**
   * An operator's new version: published as setup publishes the file, with the operator recorded
   * as its publisher. `created` is false when the same document was already running (a retry).
   */
  async submit(input: unknown, operatorCode: string): Promise<{ created: boolean; version: PublishedVersionDto }> {
    return this.dataSource.transaction(async (manager) => {
      const result = await publishDirectory(manager, input, { outbox: this.outbox, publishedBy: operatorCode }).catch((error: unknown) => {
        if (!(error instanceof InvalidDirectoryError)) throw error;
        throw new Problem(422, 'invalid-directory', `the directory is refused for ${error.problems.length} problem(s); the running version stays`, {
          errors: error.problems.map(({ path, reason }) => ({ field: path, message: reason })),
        });
      });
      const submitted = (input as { version: number }).version;
      if (!result.published && submitted !== result.version) {
        throw new Problem(409, 'conflict', `version ${submitted} is not newer than the running version ${result.version}: give it a higher version`, {
          runningVersion: result.version,
        });
      }
      const [current, previous]: (VersionRow & { document: DirectoryDocument })[] = await manager.query(
        `SELECT ${COLUMNS}, document FROM routing.directory_versions WHERE version <= $1 ORDER BY version DESC LIMIT 2`,
        [result.version],
      );
      const changes = previous ? diffDirectories(previous.document, current.document) : null;
      return { created: result.published, version: { ...versionView(current, true), changes } };
    });
  }

  private async runningVersion(): Promise<number> {
    const [row]: { version: number }[] = await this.dataSource.query('SELECT max(version) AS version FROM routing.directory_versions');
    if (row?.version == null) throw new Problem(404, 'not-found', 'no directory version took effect yet');
    return row.version;
  }
}

function versionView(row: VersionRow, running: boolean): DirectoryVersionDto {
  return {
    version: row.version,
    city: row.city,
    checksum: row.checksum,
    publishedAt: row.published_at.toISOString(),
    publishedBy: row.published_by,
    running,
  };
}
