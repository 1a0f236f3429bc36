import { HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, Rating, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter, TransientFailures } from '@gridwhistle/messaging';
import { GroupCommit } from '@gridwhistle/persistence';
import { Problem } from '@gridwhistle/platform';
import { CallbackEntity } from './callback.entity';

/** Ratings that close a case; an unsatisfied resident keeps it open. */
const CLOSING: readonly Rating[] = ['satisfied', 'basically_satisfied'];

/** Grades recorded in one transaction at most; bounds the statements' size and the locks held. */
const MAX_GRADES_PER_WRITE = 200;

interface Grade {
  caseId: string;
  rating: Rating;
  gradedBy: string;
}

interface Graded {
  callback: CallbackEntity;
  /** False for a grade sent again: it answers as the first did and counts once. */
  fresh: boolean;
}

/** The public grades the result (群众评单); a satisfied resident closes the case. */
@Injectable()
export class CallbacksService {
  private readonly ratings: Counter;
  /** Grades that arrive while one is being written share the next transaction. */
  private readonly grades = new GroupCommit<Grade, Graded | HttpException>((grades) => this.grade(grades), MAX_GRADES_PER_WRITE, undefined, {
    isTransient: (error) => this.failures.isTransient(error),
    withinMs: 0,
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly failures: TransientFailures,
    registry: Registry,
  ) {
    this.ratings = new Counter({
      name: 'gridwhistle_feedback_ratings_total',
      help: 'Residents\u2019 ratings of resolved cases, by department',
      labelNames: ['rating', 'department'],
      registers: [registry],
    });
  }

  /**
   * Remembers which integration reported each case. Version 1 of case.reported names none:
   * such a case can be graded by nobody rather than by the wrong integration.
   */
  async rememberReporters(manager: EntityManager, reported: EventEnvelope<'case.reported'>[]): Promise<void> {
    const reporters = reported.flatMap((event) => (event.version === 1 ? [] : [{ caseId: event.caseId, integrationCode: event.payload.integrationCode }]));
    if (reporters.length === 0) return;
    // A case is reported once; should intake announce it again, the first reporter stands.
    await manager.query(
      `INSERT INTO feedback.case_reporters (case_id, integration_code)
       SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING`,
      [reporters.map((r) => r.caseId), reporters.map((r) => r.integrationCode)],
    );
  }

  async awaitFeedback(manager: EntityManager, resolved: EventEnvelope<'case.resolved'>[]): Promise<void> {
    await manager.query(
      `INSERT INTO feedback.callbacks (case_id, department_code, status, resolved_at, traceparent)
       SELECT case_id, department_code, 'awaiting_feedback', resolved_at, traceparent
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[]) AS r(case_id, department_code, resolved_at, traceparent)`,
      [resolved.map((e) => e.caseId), resolved.map((e) => e.payload.departmentCode), resolved.map((e) => e.occurredAt), resolved.map((e) => e.trace?.traceparent ?? '')],
    );
  }

  /**
   * Records the rating once; the same rating sent again (a retry) answers as the first did.
   * Only the integration that reported the case may grade it: to any other the case answers
   * exactly as one that does not exist, so that nobody learns of others' cases. Grades
   * arriving together share one transaction (see grade).
   */
  async record(caseId: string, rating: Rating, gradedBy: string) {
    const outcome = await this.grades.submit({ caseId, rating, gradedBy });
    if (outcome instanceof HttpException) throw outcome;
    if (outcome.fresh) this.ratings.inc({ rating, department: outcome.callback.departmentCode });
    const { callback } = outcome;
    return { caseId, rating: callback.rating, caseClosed: callback.status === 'closed', gradedAt: callback.gradedAt!.toISOString() };
  }

  /**
   * Records grades that arrived together in one transaction: one locking read of their
   * callbacks (in case order, so that concurrent groups cannot deadlock) with who reported
   * them, then each grade in arrival order, and one statement for the updates and their events. A grade refused
   * (404, 409) is that grade's answer and changes nothing; the others commit.
   */
  private async grade(grades: Grade[]): Promise<(Graded | HttpException)[]> {
    return this.dataSource.transaction(async (manager) => {
      const found: (CallbackEntity & { reportedBy: string | null })[] = await manager.query(
        `SELECT c.case_id AS "caseId", c.department_code AS "departmentCode", c.status, c.resolved_at AS "resolvedAt", c.rating,
                c.graded_by AS "gradedBy", c.graded_at AS "gradedAt", c.traceparent, r.integration_code AS "reportedBy"
         FROM feedback.callbacks c LEFT JOIN feedback.case_reporters r USING (case_id)
         WHERE c.case_id = ANY($1::uuid[]) ORDER BY c.case_id FOR UPDATE OF c`,
        [[...new Set(grades.map((g) => g.caseId))]],
      );
      const callbacks = new Map(found.map((callback) => [callback.caseId, callback]));
      const changed = new Set<CallbackEntity>();
      const events: EventEnvelope[] = [];
      const now = new Date();
      const outcomes = grades.map(({ caseId, rating, gradedBy }): Graded | HttpException => {
        const callback = callbacks.get(caseId);
        if (!callback || callback.reportedBy !== gradedBy) return new NotFoundException(`no resolved case ${caseId} is awaiting feedback`);
        if (callback.status !== 'awaiting_feedback') {
          if (callback.rating === rating) return { callback: { ...callback }, fresh: false };
          return new Problem(409, 'conflict', `case ${caseId} was already graded ${callback.rating}`, {
            currentState: callback.status,
            rating: callback.rating,
          });
        }
        const closes = CLOSING.includes(rating);
        Object.assign(callback, { status: closes ? 'closed' : 'graded', rating, gradedBy, gradedAt: now });
        const options = { trace: callback.traceparent ? { traceparent: callback.traceparent } : undefined, occurredAt: now };
        events.push(createEvent('case.graded', caseId, { rating }, options));
        if (closes) events.push(createEvent('case.closed', caseId, { rating }, options));
        changed.add(callback);
        return { callback: { ...callback }, fresh: true };
      });
      if (changed.size > 0) {
        const rows = [...changed];
        const announced = this.outbox.insertion(events, 6);
        await manager.query(
          `WITH announced AS (${announced.text})
           UPDATE feedback.callbacks c SET status = g.status, rating = g.rating, graded_by = g.graded_by, graded_at = g.graded_at
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS g(case_id, status, rating, graded_by, graded_at)
           WHERE c.case_id = g.case_id`,
          [rows.map((c) => c.caseId), rows.map((c) => c.status), rows.map((c) => c.rating), rows.map((c) => c.gradedBy), rows.map((c) => c.gradedAt), ...announced.values],
        );
      }
      return outcomes;
    });
  }
}
