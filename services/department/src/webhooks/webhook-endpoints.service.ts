import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ValidationProblem } from '@gridwhistle/platform';
import { ChangeType } from '../change-feed/change-feed.entry';
import { WebhookSecretBox } from './webhook-secret.box';
import { WebhookClock, WebhookSettings } from './webhook.settings';
import { newSigningSecret } from './webhook.signature';
import { CreateWebhookDto, WebhookDto, WebhookWithSecretDto } from './webhooks.dto';

/** After a rotation the old secret signs beside the new one this long, while the receiver switches. */
const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

export interface EndpointRow {
  id: string;
  unit_code: string;
  url: string;
  event_types: ChangeType[];
  enabled: boolean;
  disabled_reason: string | null;
  failing_since: Date | null;
  created_at: Date;
}

const COLUMNS = 'id, unit_code, url, event_types, enabled, disabled_reason, failing_since, created_at';

/** A unit's webhook endpoints: each unit sees and changes only its own (another's answers 404). */
@Injectable()
export class WebhookEndpointsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly box: WebhookSecretBox,
    private readonly settings: WebhookSettings,
    private readonly clock: WebhookClock,
  ) {}

  /** The endpoint receives what the unit's feed records from now on. */
  async create(unitCode: string, dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    if (this.settings.httpsOnly && !dto.url.startsWith('https://')) {
      throw new ValidationProblem([{ field: 'url', message: 'url must be https: events carry your cases' }]);
    }
    const secret = newSigningSecret();
    const [row]: EndpointRow[] = await this.dataSource.query(
      `INSERT INTO department.webhook_endpoints (unit_code, url, event_types, secret_sealed, feed_position)
       VALUES ($1, $2, $3, $4, (SELECT coalesce(max(position), 0) FROM department.change_feed WHERE unit_code = $1))
       RETURNING ${COLUMNS}`,
      [unitCode, dto.url, dto.eventTypes, this.box.seal(secret)],
    );
    return { ...view(row), secret };
  }

  async list(unitCode: string): Promise<WebhookDto[]> {
    const rows: EndpointRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM department.webhook_endpoints WHERE unit_code = $1 ORDER BY created_at, id`,
      [unitCode],
    );
    return rows.map(view);
  }

  async get(unitCode: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<EndpointRow> {
    const [row]: EndpointRow[] = await manager.query(`SELECT ${COLUMNS} FROM department.webhook_endpoints WHERE id = $1 AND unit_code = $2`, [id, unitCode]);
    if (!row) throw new NotFoundException(`no webhook ${id} for your unit`);
    return row;
  }

  /** Enabling starts afresh: the failing streak is forgotten, and what waited is due at once. */
  async setEnabled(unitCode: string, id: string, enabled: boolean): Promise<WebhookDto> {
    const [row]: EndpointRow[] = await this.dataSource.query(
      `WITH endpoint AS (
         UPDATE department.webhook_endpoints
          SET enabled = $3, disabled_reason = CASE WHEN $3 THEN NULL ELSE 'disabled by your unit' END,
              failing_since = CASE WHEN $3 THEN NULL ELSE failing_since END
          WHERE id = $1 AND unit_code = $2 RETURNING ${COLUMNS}),
       due AS (
         UPDATE department.webhook_deliveries SET next_attempt_at = $4
          WHERE $3::boolean AND state = 'pending' AND endpoint_id = (SELECT id FROM endpoint))
       SELECT * FROM endpoint`,
      [id, unitCode, enabled, this.clock.now()],
    );
    if (!row) throw new NotFoundException(`no webhook ${id} for your unit`);
    return view(row);
  }

  async remove(unitCode: string, id: string): Promise<WebhookDto> {
    const [[row]]: [EndpointRow[]] = await this.dataSource.query(
      `DELETE FROM department.webhook_endpoints WHERE id = $1 AND unit_code = $2 RETURNING ${COLUMNS}`,
      [id, unitCode],
    );
    if (!row) throw new NotFoundException(`no webhook ${id} for your unit`);
    return view(row);
  }

  /** A new secret, shown once; the old one keeps signing beside it for a day. */
  async rotateSecret(unitCode: string, id: string): Promise<WebhookWithSecretDto> {
    const secret = newSigningSecret();
    const [[row]]: [EndpointRow[]] = await this.dataSource.query(
      `UPDATE department.webhook_endpoints
          SET previous_secret_sealed = secret_sealed, previous_secret_until = $4, secret_sealed = $3
        WHERE id = $1 AND unit_code = $2 RETURNING ${COLUMNS}`,
      [id, unitCode, this.box.seal(secret), new Date(this.clock.now().getTime() + ROTATION_OVERLAP_MS)],
    );
    if (!row) throw new NotFoundException(`no webhook ${id} for your unit`);
    return { ...view(row), secret };
  }

  /** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
  async signingSecrets(endpointId: string, now: Date): Promise<string[]> {
    const [row]: { secret_sealed: string; previous_secret_sealed: string | null; previous_secret_until: Date | null }[] = await this.dataSource.query(
      `SELECT secret_sealed, previous_secret_sealed, previous_secret_until FROM department.webhook_endpoints WHERE id = $1`,
      [endpointId],
    );
    const overlapping = row.previous_secret_sealed && row.previous_secret_until && row.previous_secret_until > now;
    return [row.secret_sealed, ...(overlapping ? [row.previous_secret_sealed!] : [])].map((sealed) => this.box.open(sealed));
  }
}

export function view(row: EndpointRow): WebhookDto {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types,
    enabled: row.enabled,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
