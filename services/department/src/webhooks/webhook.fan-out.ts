import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeedReader } from '../change-feed/change-feed.reader';
import { ChangeType } from '../change-feed/change-feed.entry';

const ENDPOINTS_PER_ROUND = 100;
const ENTRIES_PER_ENDPOINT = 500;

/**
 * Turns each endpoint's share of its unit's change feed into deliveries. An endpoint reads the
 * feed as a polling client would, through the same never-skipping cursor (`feed_position`),
 * so no entry is lost even if it commits late; the deliveries and the cursor move together in
 * one transaction. Endpoints are locked with SKIP LOCKED, so replicas share the work; a
 * disabled endpoint keeps collecting, to be delivered when it is enabled again.
 */
@Injectable()
export class WebhookFanOut {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeedReader,
  ) {}

  async run(now: Date): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const endpoints: { id: string; unit_code: string; event_types: ChangeType[]; feed_position: string }[] = await manager.query(
        `SELECT e.id, e.unit_code, e.event_types, e.feed_position FROM department.webhook_endpoints e
          WHERE EXISTS (SELECT 1 FROM department.change_feed f WHERE f.unit_code = e.unit_code AND f.position > e.feed_position)
          ORDER BY e.id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [ENDPOINTS_PER_ROUND],
      );
      for (const endpoint of endpoints) {
        const entries = await this.feed.read(endpoint.unit_code, endpoint.feed_position, ENTRIES_PER_ENDPOINT, manager);
        if (entries.length === 0) continue;
        const subscribed = entries.filter((entry) => endpoint.event_types.includes(entry.type));
        await manager.query(
          `INSERT INTO department.webhook_deliveries (endpoint_id, entry_position, next_attempt_at, created_at)
           SELECT $1, position, $3, $3 FROM unnest($2::bigint[]) AS position
           ON CONFLICT (endpoint_id, entry_position) DO NOTHING`,
          [endpoint.id, subscribed.map((entry) => entry.position), now],
        );
        await manager.query(`UPDATE department.webhook_endpoints SET feed_position = $2 WHERE id = $1`, [endpoint.id, entries[entries.length - 1].position]);
      }
    });
  }
}
