import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookClock } from './webhook.settings';
import { WebhookDeliveryDto } from './webhooks.dto';

interface DeliveryRow {
  id: string;
  entry_id: string;
  type: WebhookDeliveryDto['type'];
  state: WebhookDeliveryDto['state'];
  next_attempt_at: Date;
  attempts: { attempted_at: string; status_code: number | null; duration_ms: number; error: string | null; response_excerpt: string | null }[];
}

const DELIVERIES = `
  SELECT d.id, f.id AS entry_id, f.type, d.state, d.next_attempt_at,
         coalesce((SELECT json_agg(a ORDER BY a.id) FROM department.webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS attempts
    FROM department.webhook_deliveries d JOIN department.change_feed f ON f.position = d.entry_position`;

/** An endpoint's delivery log, and replaying a delivery on demand. */
@Injectable()
export class WebhookDeliveriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly endpoints: WebhookEndpointsService,
    private readonly clock: WebhookClock,
  ) {}

  async list(unitCode: string, endpointId: string, limit: number): Promise<WebhookDeliveryDto[]> {
    await this.endpoints.get(unitCode, endpointId);
    const rows: DeliveryRow[] = await this.dataSource.query(`${DELIVERIES} WHERE d.endpoint_id = $1 ORDER BY d.entry_position DESC LIMIT $2`, [endpointId, limit]);
    return rows.map(view);
  }

  /** Sends the delivery once more, soon, with the same `webhook-id`, whatever came of it before. */
  async replay(unitCode: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    await this.endpoints.get(unitCode, endpointId);
    const [, replayed]: [unknown, number] = await this.dataSource.query(
      `UPDATE department.webhook_deliveries SET state = 'pending', next_attempt_at = $3 WHERE id = $1 AND endpoint_id = $2`,
      [deliveryId, endpointId, this.clock.now()],
    );
    if (replayed === 0) throw new NotFoundException(`no delivery ${deliveryId} of webhook ${endpointId}`);
    const [row]: DeliveryRow[] = await this.dataSource.query(`${DELIVERIES} WHERE d.id = $1`, [deliveryId]);
    return view(row);
  }
}

function view(row: DeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    entryId: row.entry_id,
    type: row.type,
    state: row.state,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at.toISOString() : null,
    attempts: row.attempts.map((a) => ({
      attemptedAt: new Date(a.attempted_at).toISOString(),
      statusCode: a.status_code,
      durationMs: a.duration_ms,
      error: a.error,
      responseExcerpt: a.response_excerpt,
    })),
  };
}
