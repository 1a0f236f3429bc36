import { Histogram, Registry } from 'prom-client';

/** The stages of a case's loop, each timed by the service that sees it end. */
export const CASE_STAGES = ['reported_to_dispatched', 'dispatched_to_acknowledged', 'acknowledged_to_resolved', 'resolved_to_closed'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** From seconds (an immediate dispatch) to a month (a case on the register of unresolved problems). */
const STAGE_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 14_400, 28_800, 86_400, 259_200, 604_800, 2_592_000];

/**
 * Times the stages of cases from the events' own times (not the handling time), so a consumer
 * that lags behind does not stretch them: `observe(stage, startedAt, endedAt)`.
 */
export function caseStageTimer(registry: Registry, stages: readonly CaseStage[]) {
  const histogram = new Histogram({
    name: 'gridwhistle_case_stage_duration_seconds',
    help: 'How long cases spent in each stage of the loop, from its start event to its end event',
    labelNames: ['stage'],
    buckets: STAGE_BUCKETS,
    registers: [registry],
  });
  // Every stage this service times is on /metrics from the start, so dashboards and alerts see zeros, not gaps.
  for (const stage of stages) histogram.zero({ stage });
  return (stage: CaseStage, startedAt: Date | string, endedAt: Date | string) =>
    histogram.observe({ stage }, Math.max(0, new Date(endedAt).getTime() - new Date(startedAt).getTime()) / 1000);
}
