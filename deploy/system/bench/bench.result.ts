import { SERVICES, ServiceName } from '../setup';
import { Percentiles } from './percentiles';

/** CPU ms per case by process; `total` is the system's own: the four services, Kafka and Postgres. */
export type CpuPerCase = Record<ServiceName | 'kafka' | 'postgres' | 'total' | 'bench_client' | 'machine', number>;

/** Everything one run measured, in the units it was measured in. */
export interface Measurements {
  raw: { pgTxPerS: number | null; kafkaMsgsPerS: number | null; kafkaRttMs: Percentiles | null };
  openLoop: {
    rate: number;
    durationS: number;
    sent: number;
    errors: number;
    postMs: Percentiles;
    dispatchMs: Percentiles;
    departmentListMs: Percentiles;
    cpuMsPerCase: CpuPerCase | null;
    scheduleLagMs: { p99: number; max: number };
    /** Where the times of "dispatched" and "in the list" come from (see BENCHMARKS.md). */
    timestamps: 'commit' | 'transaction';
  };
  saturated: { dispatchCasesPerS: number; fullLoopCasesPerS: number };
  rssPeakMb: Record<ServiceName, number>;
  soak: { durationS: number; startMb: Record<ServiceName, number>; endMb: Record<ServiceName, number> } | null;
  integrity: { lost: number; duplicated: number; deadLetters: number; redelivered: number };
}

/** The benchmark's last line of output: keys as issue 7 names them, numbers rounded, unknowns null. */
export function benchResult(m: Measurements) {
  const pct = (p: Percentiles, digits = 1) => ({ p50: round(p.p50, digits), p95: round(p.p95, digits), p99: round(p.p99, digits) });
  const perService = (mb: Record<ServiceName, number>, digits = 1) =>
    Object.fromEntries(SERVICES.map((s) => [s, round(mb[s], digits)])) as Record<ServiceName, number | null>;
  const { raw, openLoop, saturated, soak, integrity } = m;
  return {
    raw: {
      pg_tx_per_s: round(raw.pgTxPerS, 0),
      kafka_msgs_per_s: round(raw.kafkaMsgsPerS, 0),
      kafka_rtt_ms: { p50: round(raw.kafkaRttMs?.p50, 2), p99: round(raw.kafkaRttMs?.p99, 2) },
    },
    open_loop: {
      rate: openLoop.rate,
      duration_s: openLoop.durationS,
      sent: openLoop.sent,
      errors: openLoop.errors,
      post_ms: pct(openLoop.postMs),
      dispatch_ms: pct(openLoop.dispatchMs),
      department_list_ms: pct(openLoop.departmentListMs),
      cpu_ms_per_case: openLoop.cpuMsPerCase && mapValues(openLoop.cpuMsPerCase, (ms) => round(ms, 3)),
      schedule_lag_ms: { p99: round(openLoop.scheduleLagMs.p99, 1), max: round(openLoop.scheduleLagMs.max, 1) },
      timestamps: openLoop.timestamps,
    },
    saturated: {
      dispatch_cases_per_s: round(saturated.dispatchCasesPerS, 0),
      full_loop_cases_per_s: round(saturated.fullLoopCasesPerS, 0),
    },
    ratio_to_pg_ceiling: raw.pgTxPerS ? round(saturated.dispatchCasesPerS / raw.pgTxPerS, 3) : null,
    rss_mb: perService(m.rssPeakMb),
    soak: soak && {
      duration_s: soak.durationS,
      rss_mb_start: perService(soak.startMb),
      rss_mb_end: perService(soak.endMb),
      rss_growth_pct: Object.fromEntries(SERVICES.map((s) => [s, round(((soak.endMb[s] - soak.startMb[s]) / soak.startMb[s]) * 100, 1)])),
    },
    lost: integrity.lost,
    duplicated: integrity.duplicated,
    dead_letters: integrity.deadLetters,
    redelivered: integrity.redelivered,
  };
}

export type BenchResult = ReturnType<typeof benchResult>;

export interface TargetCheck {
  target: string;
  value: number | null;
  met: boolean;
}

/** Issue 7's targets (2 cores, everything co-located); a figure that was not measured is not met. */
export function checkTargets(r: BenchResult): TargetCheck[] {
  const atMost = (target: string, value: number | null | undefined, limit: number) => ({ target, value: value ?? null, met: value != null && value <= limit });
  const below = (target: string, value: number | null | undefined, limit: number) => ({ target, value: value ?? null, met: value != null && value < limit });
  const atLeast = (target: string, value: number | null | undefined, limit: number) => ({ target, value: value ?? null, met: value != null && value >= limit });
  const largest = (values: Record<string, number | null>) => {
    const known = Object.values(values);
    return known.some((v) => v === null) ? null : Math.max(...(known as number[]));
  };
  const checks = [
    atMost(`report → dispatched p99 ≤ 25 ms at ${r.open_loop.rate}/s`, r.open_loop.dispatch_ms.p99, 25),
    atMost(`report → department list p99 ≤ 40 ms at ${r.open_loop.rate}/s`, r.open_loop.department_list_ms.p99, 40),
    atMost('CPU ≤ 3 ms per case (services, Kafka, Postgres)', r.open_loop.cpu_ms_per_case?.total, 3),
    atLeast('saturated report → department list ≥ 1,500 cases/s', r.saturated.dispatch_cases_per_s, 1500),
    atLeast('saturated full loop ≥ 500 cases/s', r.saturated.full_loop_cases_per_s, 500),
    atLeast('ratio to the Postgres ceiling ≥ 0.25', r.ratio_to_pg_ceiling, 0.25),
    atMost('peak RSS ≤ 120 MB per service', largest(r.rss_mb), 120),
  ];
  if (r.soak) checks.push(below('RSS growth over the soak < 10%', largest(r.soak.rss_growth_pct), 10));
  checks.push(atMost('cases lost = 0', r.lost, 0), atMost('cases duplicated = 0', r.duplicated, 0));
  return checks;
}

function round(value: number | null | undefined, digits: number): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function mapValues<K extends string>(record: Record<K, number>, map: (value: number) => number | null): Record<K, number | null> {
  return Object.fromEntries(Object.entries<number>(record).map(([k, v]) => [k, map(v)])) as Record<K, number | null>;
}
