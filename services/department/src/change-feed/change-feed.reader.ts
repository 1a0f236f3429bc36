import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeFeedRow } from './change-feed.entry';

/**
 * Reads a unit's feed after a position, never skipping an entry that commits late.
 *
 * Positions come from a sequence, so they are handed out in the order transactions write, not
 * in the order they commit: a transaction holding position 7 may commit after one holding 8.
 * A reader that returned 8 and moved its cursor past it would never see 7. So the reader only
 * returns entries whose writing transaction is older than the oldest transaction still in
 * flight (`xid < pg_snapshot_xmin(pg_current_snapshot())`): such a transaction has ended, and
 * every transaction that could still write a lower position is in flight, hence not older.
 * (A transaction that has no id yet gets one above the snapshot's horizon before it takes a
 * position, see ChangeFeedWriter.) Entries of transactions still running appear on a later
 * call, after the cursor, in position order. The price: a long transaction anywhere in the
 * cluster holds the feed back until it ends.
 */
@Injectable()
export class ChangeFeedReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read(unitCode: string, after: string, limit: number, manager: EntityManager = this.dataSource.manager): Promise<ChangeFeedRow[]> {
    return manager.query(
      `SELECT position, id, type, case_id, occurred_at, data FROM department.change_feed
        WHERE unit_code = $1 AND position > $2 AND xid < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY position LIMIT $3`,
      [unitCode, after, limit],
    );
  }
}
