import { Counter, Histogram, Registry } from 'prom-client';
import { EventEnvelope } from '@gridwhistle/contracts';

/** What one inbox transaction did: events handled, and redeliveries it recognised and skipped. */
export interface InboxOutcome {
  handled: EventEnvelope[];
  duplicates: EventEnvelope[];
}

/** What the inbox reports on /metrics, counted once a transaction has committed. */
export class InboxMetrics {
  private readonly handled: Counter;
  private readonly duplicates: Counter;
  private readonly latency: Histogram;
  private readonly transactionSize: Histogram;

  constructor(registry: Registry) {
    this.handled = new Counter({
      name: 'gridwhistle_events_handled_total',
      help: 'Events handled by this service, by type',
      labelNames: ['type'],
      registers: [registry],
    });
    this.duplicates = new Counter({
      name: 'gridwhistle_events_duplicate_total',
      help: 'Redelivered events recognised by the inbox and skipped',
      labelNames: ['type'],
      registers: [registry],
    });
    this.latency = new Histogram({
      name: 'gridwhistle_event_latency_seconds',
      help: 'Time from an event occurring to its handling here',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    });
    this.transactionSize = new Histogram({
      name: 'gridwhistle_inbox_transaction_events',
      help: 'Events handled per database transaction (more per transaction: fewer round trips per event)',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000],
      registers: [registry],
    });
  }

  committed({ handled, duplicates }: InboxOutcome): void {
    this.transactionSize.observe(handled.length + duplicates.length);
    for (const event of duplicates) this.duplicates.inc({ type: event.type });
    const now = Date.now();
    for (const event of handled) {
      this.handled.inc({ type: event.type });
      this.latency.observe({ type: event.type }, Math.max(0, now - Date.parse(event.occurredAt)) / 1000);
    }
  }
}
