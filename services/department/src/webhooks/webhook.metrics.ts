import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { AttemptResult } from './webhook.sender';

/** Delivery outcomes, failure reasons and disabled endpoints; labels are small fixed sets (never a unit or URL). */
@Injectable()
export class WebhookMetrics {
  private readonly deliveries: Counter;
  private readonly failures: Counter;
  private readonly disabled: Counter;

  constructor(registry: Registry) {
    this.deliveries = new Counter({
      name: 'gridwhistle_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered, retrying (will be tried again), failed (schedule spent)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.failures = new Counter({
      name: 'gridwhistle_webhook_failures_total',
      help: 'Failed webhook delivery attempts by reason: status (not 2xx), timeout, network',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.disabled = new Counter({
      name: 'gridwhistle_webhook_endpoints_disabled_total',
      help: 'Webhook endpoints disabled for failing too long',
      registers: [registry],
    });
  }

  attempted(result: AttemptResult, outcome: 'delivered' | 'retrying' | 'failed'): void {
    this.deliveries.inc({ outcome });
    if (result.failure) this.failures.inc({ reason: result.failure });
  }

  endpointDisabled(): void {
    this.disabled.inc();
  }
}
