import { Gauge, Registry } from 'prom-client';

type Counted<L extends string> = Record<L, string> & { n: number };

/**
 * A gauge read at scrape time from one grouped count (`… count(*)::int AS n … GROUP BY`): each
 * row one series, and a group gone from the table gone from /metrics.
 */
export function groupedCountGauge<L extends string>(
  registry: Registry,
  metric: { name: string; help: string; labelNames: readonly L[] },
  read: () => Promise<Counted<L>[]>,
): Gauge<L> {
  const gauge: Gauge<L> = new Gauge<L>({
    ...metric,
    registers: [registry],
    async collect() {
      const rows = await read();
      gauge.reset();
      for (const { n, ...labels } of rows) gauge.set(labels as unknown as Record<L, string>, n);
    },
  });
  return gauge;
}
