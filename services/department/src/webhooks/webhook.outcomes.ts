import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ChangeFeedWriter } from '../change-feed/change-feed.writer';
import { nextAttemptAt } from './webhook-retry.schedule';
import { AttemptResult } from './webhook.sender';
import { WebhookMetrics } from './webhook.metrics';
import { WebhookSettings } from './webhook.settings';
import type { ClaimedDelivery } from './webhook.dispatcher';

/**
 * Records what an attempt came to, in one transaction: the attempt in the log, the delivery
 * done or due again per the retry schedule, and the endpoint's failing streak; an endpoint
 * failing for WEBHOOK_DISABLE_AFTER_DAYS is disabled and its unit told through its feed.
 */
@Injectable()
export class WebhookOutcomes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: ChangeFeedWriter,
    private readonly settings: WebhookSettings,
    private readonly metrics: WebhookMetrics,
  ) {}

  async record(delivery: ClaimedDelivery, result: AttemptResult, now: Date): Promise<void> {
    const retryAt = result.ok ? null : nextAttemptAt(this.settings.retryDelays, delivery.attempts, now);
    const outcome = result.ok ? 'delivered' : retryAt ? 'retrying' : 'failed';
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        // Nothing to record if the endpoint was deleted, its deliveries with it, during the call.
        `INSERT INTO department.webhook_attempts (delivery_id, attempted_at, status_code, duration_ms, error, response_excerpt)
         SELECT id, $2, $3, $4, $5, $6 FROM department.webhook_deliveries WHERE id = $1`,
        [delivery.id, now, result.statusCode, result.durationMs, result.error, result.responseExcerpt],
      );
      await manager.query(
        `UPDATE department.webhook_deliveries
            SET state = $2, next_attempt_at = coalesce($3::timestamptz, next_attempt_at), delivered_at = CASE WHEN $2 = 'delivered' THEN $4::timestamptz END
          WHERE id = $1`,
        [delivery.id, outcome === 'retrying' ? 'pending' : outcome, retryAt, now],
      );
      if (result.ok) {
        await manager.query(`UPDATE department.webhook_endpoints SET failing_since = NULL WHERE id = $1`, [delivery.endpoint_id]);
      } else {
        await this.failed(manager, delivery.endpoint_id, now);
      }
    });
    this.metrics.attempted(result, outcome);
  }

  private async failed(manager: EntityManager, endpointId: string, now: Date): Promise<void> {
    const [[endpoint]]: [{ unit_code: string; url: string; failing_since: Date; enabled: boolean }[]] = await manager.query(
      `UPDATE department.webhook_endpoints SET failing_since = coalesce(failing_since, $2) WHERE id = $1
       RETURNING unit_code, url, failing_since, enabled`,
      [endpointId, now],
    );
    if (!endpoint.enabled || now.getTime() - endpoint.failing_since.getTime() < this.settings.disableAfterMs) return;
    const reason = `deliveries failed since ${endpoint.failing_since.toISOString()}`;
    await manager.query(`UPDATE department.webhook_endpoints SET enabled = false, disabled_reason = $2 WHERE id = $1`, [endpointId, reason]);
    await this.feed.record(manager, [
      { unitCode: endpoint.unit_code, type: 'webhook_disabled', caseId: null, occurredAt: now, data: { webhookId: endpointId, url: endpoint.url, reason } },
    ]);
    this.metrics.endpointDisabled();
  }
}
