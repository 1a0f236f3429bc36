import { BenchSystem } from './bench.system';
import { CaseClock } from './case.clock';
import { median } from './percentiles';

/** Runs `work` `count` times with `concurrency` runs in flight, each started as soon as one ends. */
export async function closedLoop(count: number, concurrency: number, work: () => Promise<void>): Promise<void> {
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (started < count) {
        started++;
        await work();
      }
    }),
  );
}

/** Reports `count` cases with `concurrency` requests in flight; returns their ids. */
export async function reportClosedLoop(system: BenchSystem, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = [];
  await closedLoop(count, concurrency, async () => {
    ids.push((await system.report()).id);
  });
  return ids;
}

/**
 * Saturated report → department list: rounds of cases reported with many requests in flight,
 * each round timed from its first request until its last case was in its department's table.
 * Returns the median round's cases/s.
 */
export async function saturatedDispatchPhase(
  system: BenchSystem,
  clock: CaseClock,
  options: { cases: number; concurrency: number; rounds: number },
  log: (line: string) => void,
): Promise<number> {
  const rounds: number[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const began = performance.now();
    const ids = await reportClosedLoop(system, options.cases, options.concurrency);
    const accepted = performance.now();
    if (!(await system.untilListed())) throw new Error('the round\u2019s cases were not all in their department\u2019s list within 60 s');
    const casesPerS = options.cases / ((Math.max(await clock.lastListed(ids), accepted) - began) / 1000);
    rounds.push(casesPerS);
    const acceptedPerS = options.cases / ((accepted - began) / 1000);
    log(`saturated round ${round}: accepted ${acceptedPerS.toFixed(0)}/s; report → department list ${casesPerS.toFixed(0)} cases/s`);
  }
  return median(rounds);
}
