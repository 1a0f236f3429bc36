import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/** What an operator watches of triage: how many cases wait for a person, and the oldest's age. */
@Injectable()
export class AwaitingTriageMetrics {
  constructor(@InjectDataSource() dataSource: DataSource, registry: Registry) {
    const measure = (name: string, help: string, sql: string) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          const [row] = await dataSource.query(`SELECT ${sql} AS value FROM routing.dispatches WHERE outcome = 'awaiting_triage'`);
          this.set(row.value);
        },
      });
    measure('gridwhistle_cases_awaiting_triage', 'Cases routing could not dispatch by itself, waiting for triage', 'count(*)::int');
    measure(
      'gridwhistle_triage_oldest_waiting_seconds',
      'How long the oldest case awaiting triage has waited',
      'coalesce(extract(epoch FROM now() - min(decided_at)), 0)::float',
    );
  }
}
