import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { CaseResolvedV2, EventEnvelope, Rating, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { caseStageTimer } from '@gridwhistle/observability';
import { Problem } from '@gridwhistle/platform';
import { CallbackEntity } from './callback.entity';
import { CaseReporterEntity } from './case-reporter.entity';

/** Ratings that close a case; an unsatisfied resident keeps it open. */
const CLOSING: readonly Rating[] = ['satisfied', 'basically_satisfied'];

/** The public grades the result (群众评单); a satisfied resident closes the case. */
@Injectable()
export class CallbacksService {
  private readonly ratings: Counter;
  private readonly closed: Counter;
  private readonly timeStage: ReturnType<typeof caseStageTimer>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    registry: Registry,
  ) {
    this.ratings = new Counter({
      name: 'gridwhistle_feedback_ratings_total',
      help: 'Residents\u2019 ratings of resolved cases, by department and how the handling ended (fixed, or cannot_fix: never counted as fixed)',
      labelNames: ['rating', 'department', 'resolution'],
      registers: [registry],
    });
    this.closed = new Counter({
      name: 'gridwhistle_cases_closed_total',
      help: 'Cases closed (销号), by the outcome that closed them (the closing rating)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of CLOSING) this.closed.inc({ outcome }, 0);
    this.timeStage = caseStageTimer(registry, ['resolved_to_closed']);
  }

  /**
   * Remembers which integration reported each case. Version 1 of case.reported names none:
   * such a case can be graded by nobody rather than by the wrong integration.
   */
  async rememberReporters(manager: EntityManager, reported: EventEnvelope<'case.reported'>[]): Promise<void> {
    const reporters = reported.flatMap((event) =>
      event.version === 1 ? [] : [{ caseId: event.caseId, integrationCode: event.payload.integrationCode }],
    );
    if (reporters.length === 0) return;
    // A case is reported once; should intake announce it again, the first reporter stands.
    await manager.createQueryBuilder().insert().into(CaseReporterEntity).values(reporters).orIgnore().execute();
  }

  async awaitFeedback(manager: EntityManager, resolved: EventEnvelope<'case.resolved'>[]): Promise<void> {
    await manager.insert(
      CallbackEntity,
      resolved.map(({ caseId, version, payload, occurredAt, trace }) => ({
        caseId,
        departmentCode: payload.departmentCode,
        // Version 1 knew only fixes.
        outcome: version >= 2 ? (payload as CaseResolvedV2).outcome : ('fixed' as const),
        status: 'awaiting_feedback' as const,
        resolvedAt: new Date(occurredAt),
        rating: null,
        gradedBy: null,
        gradedAt: null,
        traceparent: trace?.traceparent ?? '',
      })),
    );
  }

  /**
   * Records the rating once; the same rating sent again (a retry) answers as the first did.
   * Only the integration that reported the case may grade it: to any other the case answers
   * exactly as one that does not exist, so that nobody learns of others' cases.
   */
  async record(caseId: string, rating: Rating, gradedBy: string) {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const callback = await manager.findOne(CallbackEntity, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
      const mayGrade = callback !== null && (await manager.existsBy(CaseReporterEntity, { caseId, integrationCode: gradedBy }));
      if (!mayGrade) throw new NotFoundException(`no resolved case ${caseId} is awaiting feedback`);
      if (callback.status !== 'awaiting_feedback') {
        if (callback.rating === rating) return { callback, fresh: false };
        throw new Problem(409, 'conflict', `case ${caseId} was already graded ${callback.rating}`, {
          currentState: callback.status,
          rating: callback.rating,
        });
      }
      const now = new Date();
      const closes = CLOSING.includes(rating);
      const changes = { status: closes ? ('closed' as const) : ('graded' as const), rating, gradedBy, gradedAt: now };
      await manager.update(CallbackEntity, { caseId }, changes);
      const options = { trace: callback.traceparent ? { traceparent: callback.traceparent } : undefined, occurredAt: now };
      const events: EventEnvelope[] = [createEvent('case.graded', caseId, { rating }, options)];
      if (closes) events.push(createEvent('case.closed', caseId, { rating }, options));
      await this.outbox.add(manager, ...events);
      return { callback: { ...callback, ...changes }, fresh: true };
    });
    const { callback } = outcome;
    if (outcome.fresh) {
      this.ratings.inc({ rating, department: callback.departmentCode, resolution: callback.outcome });
      if (callback.status === 'closed') {
        this.closed.inc({ outcome: rating });
        this.timeStage('resolved_to_closed', callback.resolvedAt, callback.gradedAt!);
      }
    }
    return { caseId, outcome: callback.outcome, rating: callback.rating, caseClosed: callback.status === 'closed', gradedAt: callback.gradedAt!.toISOString() };
  }
}
