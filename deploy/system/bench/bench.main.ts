import { cpus } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { REPO_ROOT } from '../infrastructure';
import { SERVICES, ServiceName } from '../setup';
import { BenchOptions, parseBenchOptions } from './bench.options';
import { Measurements, benchResult, checkTargets } from './bench.result';
import { BenchSystem } from './bench.system';
import { CaseClock } from './case.clock';
import { fullLoopPhase } from './full-loop.phase';
import { checkIntegrity } from './integrity.check';
import { kafkaCeiling } from './kafka.ceiling';
import { OpenLoopFigures, openLoopPhase } from './open-loop.phase';
import { Percentiles } from './percentiles';
import { pgCeiling } from './pg.ceiling';
import { reportClosedLoop, saturatedDispatchPhase } from './saturated.phase';
import { UsageMeter } from './usage.meter';

/**
 * `npm run bench`: issue 7's benchmark. In one run, in a fresh database and topic namespace
 * on this machine's Postgres and Kafka: the machine's raw ceilings, then the four services
 * from the build under an open loop, saturated, and around the full loop, with their CPU and
 * memory, and what became of every case. Human lines start with [bench]; the last line of
 * stdout is one JSON object (see BENCHMARKS.md for how each figure is measured).
 */
async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const out = options.jsonOnly ? process.stderr : process.stdout;
  const began = performance.now();
  const log = (line: string) => out.write(`[bench] ${((performance.now() - began) / 1000).toFixed(1).padStart(5)} s  ${line}\n`);
  // kafkajs logs through Nest's Logger (kafkaConfig): its warnings go to stderr, never between the lines of stdout.
  const toStderr = (level: string) => (message: unknown) => void process.stderr.write(`[bench] ${level}: ${String(message)}\n`);
  const quiet = () => undefined;
  Logger.overrideLogger({ log: quiet, debug: quiet, verbose: quiet, warn: toStderr('warn'), error: toStderr('error'), fatal: toStderr('fatal') });
  const system = await BenchSystem.create(log);
  // Ctrl-C: the services stop on their own signal; the run's database and topics are removed here.
  process.once('SIGINT', () => {
    log('interrupted: removing the run\u2019s database and topics');
    system.stop().finally(() => process.exit(130));
  });
  const profileDir = options.cpuProf ? join(REPO_ROOT, '.local/profiles', system.kafka.namespace) : undefined;
  let measured: Measurements;
  try {
    measured = await measure(system, options, log, profileDir);
  } finally {
    await system.stop();
  }
  if (profileDir) log(`CPU profiles of the services (Chrome DevTools, speedscope): ${profileDir}/`);
  const result = benchResult(measured);
  for (const check of checkTargets(result)) log(`${check.met ? 'met    ' : 'NOT MET'} ${check.target}: ${check.value ?? 'not measured'}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function measure(
  system: BenchSystem,
  options: BenchOptions,
  log: (line: string) => void,
  profileDir: string | undefined,
): Promise<Measurements> {
  log(`${SERVICES.length} services, Kafka and Postgres on ${cpus().length} cores; namespace ${system.kafka.namespace}`);

  // The ceilings first, while no service competes for the machine.
  const pgTxPerS = await pgCeiling(system.databaseUrl, options.ceilingS, log);
  const kafka = await kafkaCeiling(system.kafka, options.ceilingS);
  log(`Kafka ceiling: ${kafka.msgsPerS.toFixed(0)} msgs/s pass-through; at 200 single msgs/s round trip ${formatMs(kafka.rttMs)}, producer ack ${formatMs(kafka.ackMs)}`);

  await system.startServices(profileDir);
  const meter = new UsageMeter(system.pids, system.db);
  meter.watchMemory();
  const clock = await CaseClock.create(system.db);
  log(`stage times from ${clock.source === 'commit' ? 'commit timestamps' : 'row timestamps (track_commit_timestamp is off)'}`);

  await reportClosedLoop(system, options.warmup, options.concurrency); // JIT (Node's and the broker's), pools, consumer assignments
  await system.untilListed();
  log(`warmed up with ${options.warmup} cases`);

  const open = await openLoopPhase(system, clock, meter, options);
  logOpenLoop(open, options, log);

  const dispatchCasesPerS = await saturatedDispatchPhase(system, clock, options, log);
  log(`saturated report → department list: ${dispatchCasesPerS.toFixed(0)} cases/s (median of ${options.rounds}, ${options.concurrency} in flight)`);
  const loop = await fullLoopPhase(system, { cases: options.loopCases, concurrency: options.loopConcurrency });
  const fullLoopCasesPerS = loop.casesPerS;
  log(`saturated full loop: ${fullLoopCasesPerS.toFixed(0)} cases/s (${options.loopCases} cases, ${options.loopConcurrency} in flight)`);
  log(`  per step, p50/p99 ms: ${Object.entries(loop.stepMs).map(([step, p]) => `${step} ${p.p50.toFixed(0)}/${p.p99.toFixed(0)}`).join(', ')}`);

  let soak: Measurements['soak'] = null;
  if (options.soakS > 0) {
    const startMb = meter.residentNow();
    log(`soak: open loop at ${options.rate}/s for ${options.soakS} s; RSS now ${formatMb(startMb)}`);
    const soaked = await openLoopPhase(system, clock, meter, { rate: options.rate, durationS: options.soakS });
    logOpenLoop(soaked, { rate: options.rate, durationS: options.soakS }, log);
    soak = { durationS: options.soakS, startMb, endMb: meter.residentNow() };
    log(`soak: RSS after ${formatMb(soak.endMb)}`);
  }
  meter.stopWatching();
  log(`peak RSS ${formatMb(meter.peakMb)}`);

  const integrity = await checkIntegrity(system);
  log(`${system.ledger.size} cases accepted: ${integrity.lost} lost, ${integrity.duplicated} duplicated, ${integrity.deadLetters} dead letters, ${integrity.redelivered} redeliveries absorbed by inboxes`);
  return {
    raw: { pgTxPerS, kafkaMsgsPerS: kafka.msgsPerS, kafkaRttMs: kafka.rttMs },
    openLoop: {
      rate: options.rate,
      durationS: options.durationS,
      sent: open.sent,
      errors: open.errors,
      postMs: open.postMs,
      dispatchMs: open.dispatchMs,
      departmentListMs: open.departmentListMs,
      cpuMsPerCase: open.cpuMsPerCase,
      scheduleLagMs: open.pacing.lagMs,
      timestamps: clock.source,
    },
    saturated: { dispatchCasesPerS, fullLoopCasesPerS },
    rssPeakMb: meter.peakMb,
    soak,
    integrity,
  };
}

function logOpenLoop(open: OpenLoopFigures, options: { rate: number; durationS: number }, log: (line: string) => void): void {
  log(`open loop at ${options.rate}/s for ${options.durationS} s: ${open.sent} sent, ${open.errors} failed${open.firstError ? ` (first: ${open.firstError})` : ''}`);
  log(`  POST ${formatMs(open.postMs)}; report → dispatched ${formatMs(open.dispatchMs)}; report → department list ${formatMs(open.departmentListMs)}`);
  if (open.pacing.lagMs.p99 > 5) log(`  the client itself fell behind its schedule: lag p99 ${open.pacing.lagMs.p99.toFixed(1)} ms, max ${open.pacing.lagMs.max.toFixed(1)} ms`);
  if (open.cpuMsPerCase) {
    const shares = Object.entries(open.cpuMsPerCase).map(([name, value]) => `${name} ${value.toFixed(2)}`);
    log(`  CPU ms per case: ${shares.join(', ')}`);
  }
}

function formatMs(p: Percentiles): string {
  return `p50 ${p.p50.toFixed(1)} p95 ${p.p95.toFixed(1)} p99 ${p.p99.toFixed(1)} ms`;
}

function formatMb(mb: Record<ServiceName, number>): string {
  return SERVICES.map((s) => `${s} ${mb[s].toFixed(0)} MB`).join(', ');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
