import { BenchSystem } from './bench.system';
import { CpuPerCase } from './bench.result';
import { CaseClock } from './case.clock';
import { FixedRateSchedule, OpenLoopPacing, runOpenLoop } from './open-loop.schedule';
import { Percentiles, percentiles } from './percentiles';
import { UsageMeter } from './usage.meter';

export interface OpenLoopFigures {
  sent: number;
  errors: number;
  firstError?: string;
  pacing: OpenLoopPacing;
  postMs: Percentiles;
  dispatchMs: Percentiles;
  departmentListMs: Percentiles;
  cpuMsPerCase: CpuPerCase | null;
}

/**
 * Reports cases at a fixed rate for a while, whatever the answers, then reads when each was
 * dispatched and in its department's list. Every latency runs from the moment the case was
 * due to be sent, so a slow answer delays nothing and hides nothing. CPU is counted from the
 * first case until the last is in its department's list, idle wake-ups included.
 */
export async function openLoopPhase(
  system: BenchSystem,
  clock: CaseClock,
  meter: UsageMeter,
  options: { rate: number; durationS: number },
): Promise<OpenLoopFigures> {
  const schedule = new FixedRateSchedule(options.rate, options.durationS * 1000);
  const dueAt = new Map<string, number>();
  const postMs: number[] = [];
  const answers: Promise<void>[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const before = UsageMeter.available ? await meter.sampleCpu() : undefined;
  const pacing = await runOpenLoop(schedule, (_, due) => {
    answers.push(
      system.report().then(
        ({ id }) => {
          postMs.push(performance.now() - due);
          dueAt.set(id, due);
        },
        (error: Error) => {
          errors++;
          firstError ??= error.message;
        },
      ),
    );
  });
  await Promise.all(answers);
  await system.untilListed();
  const after = before && (await meter.sampleCpu());
  await clock.calibrate();
  const times = await clock.stageTimes([...dueAt.keys()]);
  const since = (stage: Map<string, number>) => [...stage].map(([id, at]) => at - dueAt.get(id)!);
  return {
    sent: pacing.sent,
    errors,
    firstError,
    pacing,
    postMs: percentiles(postMs),
    dispatchMs: percentiles(since(times.dispatched)),
    departmentListMs: percentiles(since(times.listed)),
    cpuMsPerCase: before && after ? UsageMeter.perCase(before, after, dueAt.size) : null,
  };
}
