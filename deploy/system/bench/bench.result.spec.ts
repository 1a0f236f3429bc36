import { Measurements, benchResult, checkTargets } from './bench.result';

const services = (mb: number) => ({ intake: mb, routing: mb, department: mb, feedback: mb });
const cpu = { intake: 0.8, routing: 0.3, department: 0.3, feedback: 0.1, kafka: 0.6, postgres: 0.5, total: 2.6, bench_client: 0.2, machine: 2.9 };

/** A run that meets every target of issue 7. */
function measured(): Measurements {
  return {
    raw: { pgTxPerS: 4000.4, kafkaMsgsPerS: 90_000.7, kafkaRttMs: { p50: 1.234, p95: 2, p99: 3.456 } },
    openLoop: {
      rate: 200,
      durationS: 60,
      sent: 12_000,
      errors: 0,
      postMs: { p50: 2.04, p95: 3.06, p99: 5.15 },
      dispatchMs: { p50: 8, p95: 15, p99: 24.96 },
      departmentListMs: { p50: 12, p95: 25, p99: 39 },
      cpuMsPerCase: cpu,
      scheduleLagMs: { p99: 1.04, max: 3.2 },
      timestamps: 'commit',
    },
    saturated: { dispatchCasesPerS: 1600.4, fullLoopCasesPerS: 520 },
    rssPeakMb: services(100),
    soak: null,
    integrity: { lost: 0, duplicated: 0, deadLetters: 0, redelivered: 3 },
  };
}

describe('benchResult', () => {
  it('has every key issue 7 names, with the numbers rounded', () => {
    const result = JSON.parse(JSON.stringify(benchResult(measured())));
    expect(result.raw).toEqual({ pg_tx_per_s: 4000, kafka_msgs_per_s: 90_001, kafka_rtt_ms: { p50: 1.23, p99: 3.46 } });
    expect(result.open_loop).toMatchObject({
      rate: 200,
      post_ms: { p50: 2, p95: 3.1, p99: 5.2 },
      dispatch_ms: { p50: 8, p95: 15, p99: 25 },
      department_list_ms: { p50: 12, p95: 25, p99: 39 },
      cpu_ms_per_case: cpu,
    });
    expect(result.saturated).toEqual({ dispatch_cases_per_s: 1600, full_loop_cases_per_s: 520 });
    expect(result.rss_mb).toEqual(services(100));
    expect(result).toMatchObject({ lost: 0, duplicated: 0 });
  });

  it('divides saturated dispatch cases/s by the Postgres ceiling\u2019s transactions/s', () => {
    expect(benchResult(measured()).ratio_to_pg_ceiling).toBe(0.4);
  });

  it('writes what could not be measured as null, never as a made-up number', () => {
    const m = measured();
    m.raw = { pgTxPerS: null, kafkaMsgsPerS: null, kafkaRttMs: null };
    m.openLoop.dispatchMs = { p50: NaN, p95: NaN, p99: NaN };
    m.openLoop.cpuMsPerCase = null;
    const result = JSON.parse(JSON.stringify(benchResult(m)));
    expect(result.raw).toEqual({ pg_tx_per_s: null, kafka_msgs_per_s: null, kafka_rtt_ms: { p50: null, p99: null } });
    expect(result.ratio_to_pg_ceiling).toBeNull();
    expect(result.open_loop.dispatch_ms).toEqual({ p50: null, p95: null, p99: null });
    expect(result.open_loop.cpu_ms_per_case).toBeNull();
  });

  it('reports the soak as memory at its start and end and the growth in percent', () => {
    const m = measured();
    m.soak = { durationS: 600, startMb: services(80), endMb: { ...services(80), routing: 100 } };
    expect(benchResult(m).soak).toEqual({
      duration_s: 600,
      rss_mb_start: services(80),
      rss_mb_end: { ...services(80), routing: 100 },
      rss_growth_pct: { intake: 0, routing: 25, department: 0, feedback: 0 },
    });
  });
});

describe('checkTargets', () => {
  const unmet = (m: Measurements) => checkTargets(benchResult(m)).filter((check) => !check.met).map((check) => check.target);

  it('finds every target met by a run within them', () => {
    expect(unmet(measured())).toEqual([]);
  });

  it('names each target a run misses', () => {
    const m = measured();
    m.openLoop.dispatchMs.p99 = 26;
    m.saturated.fullLoopCasesPerS = 499;
    m.rssPeakMb.feedback = 121;
    m.integrity.lost = 1;
    expect(unmet(m)).toEqual([
      'report → dispatched p99 ≤ 25 ms at 200/s',
      'saturated full loop ≥ 500 cases/s',
      'peak RSS ≤ 120 MB per service',
      'cases lost = 0',
    ]);
  });

  it('counts what was not measured as not met', () => {
    const m = measured();
    m.raw.pgTxPerS = null;
    m.openLoop.cpuMsPerCase = null;
    expect(unmet(m)).toEqual(['CPU ≤ 3 ms per case (services, Kafka, Postgres)', 'ratio to the Postgres ceiling ≥ 0.25']);
  });

  it('checks the soak\u2019s growth only when there was a soak, and 10% is too much', () => {
    const m = measured();
    expect(checkTargets(benchResult(m)).some((check) => check.target.includes('soak'))).toBe(false);
    m.soak = { durationS: 600, startMb: services(80), endMb: { ...services(80), intake: 88 } };
    expect(unmet(m)).toEqual(['RSS growth over the soak < 10%']);
  });
});
