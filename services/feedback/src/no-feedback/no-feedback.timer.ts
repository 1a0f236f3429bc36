import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PeriodicTask } from '@gridwhistle/persistence';
import { DataSource } from 'typeorm';
import { createEvent } from '@gridwhistle/contracts';
import { OutboxWriter, describeFailure } from '@gridwhistle/messaging';
import { FeedbackClock } from '../policy/feedback.clock';

const BATCH = 200;
const INTERVAL_MS = 5_000;

interface Overdue {
  case_id: string;
  department_code: string;
  reopen_count: number;
  traceparent: string;
}

/**
 * Closes as "no feedback" (counted apart from graded cases) every case whose answer window
 * ended unanswered. The timer is durable: its deadlines are the callbacks' answer_due_at, taken
 * with FOR UPDATE SKIP LOCKED so that several instances share the work without doing it twice.
 */
@Injectable()
export class NoFeedbackTimer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NoFeedbackTimer.name);
  private readonly task = new PeriodicTask('no-feedback sweep', INTERVAL_MS, describeFailure);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly clock: FeedbackClock,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(() => this.sweep(), (message) => this.logger.warn(message));
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Closes the overdue callbacks, a batch per transaction; returns how many it closed. */
  async sweep(): Promise<number> {
    let closed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const overdue: Overdue[] = await manager.query(
          `SELECT case_id, department_code, reopen_count, traceparent FROM feedback.callbacks
            WHERE status = 'awaiting_feedback' AND answer_due_at <= $1
            ORDER BY answer_due_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
          [now],
        );
        if (overdue.length === 0) return 0;
        const ids = overdue.map((o) => o.case_id);
        await manager.query(
          `INSERT INTO feedback.answers (case_id, reopen_count, department_code, outcome, answered_by, answered_at)
           SELECT case_id, reopen_count, department_code, 'no_feedback', 'timer', $2 FROM feedback.callbacks WHERE case_id = ANY($1::uuid[])`,
          [ids, now],
        );
        await manager.query(`UPDATE feedback.callbacks SET status = 'closed', outcome = 'no_feedback', closed_at = $2 WHERE case_id = ANY($1::uuid[])`, [ids, now]);
        await this.outbox.add(
          manager,
          ...overdue.map((o) =>
            createEvent('case.closed', o.case_id, { outcome: 'no_feedback', reopenCount: o.reopen_count }, {
              occurredAt: now,
              trace: o.traceparent ? { traceparent: o.traceparent } : undefined,
            }),
          ),
        );
        return overdue.length;
      });
      closed += batch;
      if (batch < BATCH) return closed;
    }
  }
}
