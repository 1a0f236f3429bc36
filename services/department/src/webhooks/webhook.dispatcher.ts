import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeFeedRow, entryOf } from '../change-feed/change-feed.entry';
import { WebhookFanOut } from './webhook.fan-out';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookSender } from './webhook.sender';
import { WebhookOutcomes } from './webhook.outcomes';
import { WebhookClock, WebhookSettings } from './webhook.settings';
import { signedHeaders } from './webhook.signature';

const DELIVERIES_PER_ROUND = 50;

export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  entry_position: string;
  attempts: number;
}

/**
 * The delivery worker of each replica: every WEBHOOK_POLL_MS it turns new feed entries into
 * deliveries, claims the due ones and sends them. A claim (SKIP LOCKED, then a lease pushed
 * into `next_attempt_at`) is committed before the HTTP call, so no transaction stays open while
 * a receiver is slow, two replicas never send one delivery at once, and a replica that dies
 * mid-call leaves the delivery to be tried again when the lease runs out.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fanOut: WebhookFanOut,
    private readonly endpoints: WebhookEndpointsService,
    private readonly sender: WebhookSender,
    private readonly outcomes: WebhookOutcomes,
    private readonly settings: WebhookSettings,
    private readonly clock: WebhookClock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.round ??= this.runRound()
        .catch((error) => this.logger.warn(`webhook round failed, trying again: ${(error as Error).message}`))
        .finally(() => (this.round = undefined));
    }, this.settings.pollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  async runRound(): Promise<void> {
    await this.fanOut.run(this.clock.now());
    const claimed = await this.claim(this.clock.now());
    await Promise.all(claimed.map((delivery) => this.attempt(delivery)));
  }

  private claim(now: Date): Promise<ClaimedDelivery[]> {
    const lease = new Date(now.getTime() + this.settings.timeoutMs + 60_000);
    return this.dataSource
      .query(
        `UPDATE department.webhook_deliveries d SET attempts = d.attempts + 1, next_attempt_at = $2
           FROM (SELECT d.id FROM department.webhook_deliveries d JOIN department.webhook_endpoints e ON e.id = d.endpoint_id
                  WHERE d.state = 'pending' AND d.next_attempt_at <= $1 AND e.enabled
                  ORDER BY d.next_attempt_at, d.entry_position LIMIT $3 FOR UPDATE OF d SKIP LOCKED) due
          WHERE d.id = due.id
         RETURNING d.id, d.endpoint_id, d.entry_position, d.attempts`,
        [now, lease, DELIVERIES_PER_ROUND],
      )
      .then(([rows]: [ClaimedDelivery[]]) => rows);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const now = this.clock.now();
    const [[entry], [endpoint]]: [ChangeFeedRow[], { url: string }[]] = await Promise.all([
      this.dataSource.query(`SELECT position, id, type, case_id, occurred_at, data FROM department.change_feed WHERE position = $1`, [delivery.entry_position]),
      this.dataSource.query(`SELECT url FROM department.webhook_endpoints WHERE id = $1`, [delivery.endpoint_id]),
    ]);
    if (!endpoint) return; // deleted meanwhile, its deliveries with it
    const body = JSON.stringify(entryOf(entry));
    const secrets = await this.endpoints.signingSecrets(delivery.endpoint_id, now);
    const result = await this.sender.send(endpoint.url, signedHeaders(secrets, entry.id, Math.floor(now.getTime() / 1000), body), body);
    await this.outcomes.record(delivery, result, this.clock.now());
  }
}
