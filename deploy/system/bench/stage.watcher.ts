import { Client } from 'pg';

/** The stages of the full loop the benchmark waits for, each seen in the service that records it. */
export type Stage = 'listed' | 'awaitingFeedback' | 'closed';

const STAGES: Stage[] = ['listed', 'awaitingFeedback', 'closed'];

/**
 * One query for all three stages: primary-key lookups of the few cases in flight. The feedback
 * service grades a case once it has heard both its resolution and (on another topic, so maybe
 * later) who reported it.
 */
const REACHED = `
  SELECT 'listed' AS stage, case_id AS id FROM department.cases WHERE case_id = ANY($1::uuid[]) AND role = 'lead'
  UNION ALL SELECT 'awaitingFeedback', case_id FROM feedback.callbacks JOIN feedback.case_reporters USING (case_id)
    WHERE case_id = ANY($2::uuid[])
  UNION ALL SELECT 'closed', id FROM intake.cases WHERE id = ANY($3::uuid[]) AND status = 'closed'`;

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
  deadline: number;
}

/**
 * Tells the full loop when a case has reached a stage that another service records after
 * hearing of it over Kafka: the department's list, the feedback service's callback, intake's
 * closure. One poller asks the database about every waiting case at once, so
 * that a hundred cases in flight cost one small query every 10 ms or so instead of a hundred
 * HTTP polls.
 */
export class StageWatcher {
  private readonly waiting: Record<Stage, Map<string, Waiter>> = { listed: new Map(), awaitingFeedback: new Map(), closed: new Map() };
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly db: Client,
    private readonly timeoutMs = 30_000,
    /** Between polls: short against a loop's latency, long enough that polling costs the machine little. */
    private readonly pauseMs = 10,
  ) {}

  reached(stage: Stage, id: string): Promise<void> {
    return new Promise((resolve, reject) => this.waiting[stage].set(id, { resolve, reject, deadline: Date.now() + this.timeoutMs }));
  }

  start(): void {
    this.running = true;
    this.loop = this.poll();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async poll(): Promise<void> {
    try {
      await this.pollUntilStopped();
    } catch (error) {
      this.running = false;
      for (const stage of STAGES) for (const waiter of this.waiting[stage].values()) waiter.reject(error as Error);
    }
  }

  private async pollUntilStopped(): Promise<void> {
    while (this.running) {
      const ids = STAGES.map((stage) => [...this.waiting[stage].keys()]);
      if (ids.some((list) => list.length > 0)) {
        const { rows } = await this.db.query<{ stage: Stage; id: string }>(REACHED, ids);
        for (const { stage, id } of rows) {
          this.waiting[stage].get(id)?.resolve();
          this.waiting[stage].delete(id);
        }
        this.expire();
      }
      await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
    }
  }

  private expire(): void {
    const now = Date.now();
    for (const stage of STAGES) {
      for (const [id, waiter] of this.waiting[stage]) {
        if (waiter.deadline >= now) continue;
        waiter.reject(new Error(`case ${id} did not reach "${stage}" within ${this.timeoutMs / 1000} s`));
        this.waiting[stage].delete(id);
      }
    }
  }
}
