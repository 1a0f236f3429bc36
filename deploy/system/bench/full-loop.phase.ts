import { BenchSystem } from './bench.system';
import { Percentiles, percentiles } from './percentiles';
import { closedLoop } from './saturated.phase';
import { StageWatcher } from './stage.watcher';

/** The steps of one case around the loop, in order; each is timed from the end of the one before. */
export const LOOP_STEPS = ['report', 'to list', 'acknowledge', 'resolve', 'to callback', 'feedback', 'to closed'] as const;

export interface FullLoopFigures {
  casesPerS: number;
  /** How long each step took, to show where a case waits. */
  stepMs: Record<(typeof LOOP_STEPS)[number], Percentiles>;
}

/**
 * Saturated full loop, all through the HTTP APIs: each of `concurrency` workers takes one case
 * at a time from report to closure. Report (the hotline) → in the department's list →
 * acknowledge → resolve (the department) → awaiting feedback → satisfied (the hotline, which
 * reported it) → closed in intake. Cases/s run from the first report to the last closure.
 */
export async function fullLoopPhase(system: BenchSystem, options: { cases: number; concurrency: number }): Promise<FullLoopFigures> {
  const { http, urls, integrationKey } = system;
  const watcher = new StageWatcher(system.db);
  const steps = LOOP_STEPS.map(() => [] as number[]);
  const oneCase = async () => {
    let last = performance.now();
    const step = (i: number) => {
      const now = performance.now();
      steps[i].push(now - last);
      last = now;
    };
    const { id, departmentKey } = await system.report();
    system.ledger.set(id, 'closed');
    step(0);
    await watcher.reached('listed', id);
    step(1);
    await http.expect(200, `${urls.department}/v1/cases/${id}/acknowledge`, departmentKey);
    step(2);
    // The loop measured is the lead's: of a joint matter it resolves without waiting for the assistants' parts.
    await http.expect(200, `${urls.department}/v1/cases/${id}/resolve`, departmentKey, { resolution: '已处理完毕', withoutAssistantsReason: '基准测试：牵头单位先行办结' });
    step(3);
    await watcher.reached('awaitingFeedback', id);
    step(4);
    await http.expect(200, `${urls.feedback}/v1/cases/${id}/feedback`, integrationKey, { solved: true, rating: 'satisfied' });
    step(5);
    await watcher.reached('closed', id);
    step(6);
  };
  watcher.start();
  try {
    const began = performance.now();
    await closedLoop(options.cases, options.concurrency, oneCase);
    const casesPerS = options.cases / ((performance.now() - began) / 1000);
    return { casesPerS, stepMs: Object.fromEntries(LOOP_STEPS.map((name, i) => [name, percentiles(steps[i])])) as FullLoopFigures['stepMs'] };
  } finally {
    await watcher.stop();
  }
}
