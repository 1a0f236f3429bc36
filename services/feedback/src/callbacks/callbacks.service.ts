import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter, Registry } from 'prom-client';
import { DataSource, EntityManager } from 'typeorm';
import { CLOSING_OUTCOMES, EventEnvelope } from '@gridwhistle/contracts';
import { caseStageTimer } from '@gridwhistle/observability';
import { Problem } from '@gridwhistle/platform';
import { AnswersService, receipt } from '../answers/answers.service';
import { Answer } from '../answers/answer-outcome';
import { FeedbackPolicies } from '../policy/feedback-policy';
import { FeedbackRequests } from '../resident/feedback-requests';
import { CallbackEntity } from './callback.entity';
import { CaseReporterEntity } from './case-reporter.entity';

/** The public grades the result (群众评单): the callback awaits an answer once a round of handling is resolved. */
@Injectable()
export class CallbacksService {
  private readonly ratings: Counter;
  private readonly closed: Counter;
  private readonly timeStage: ReturnType<typeof caseStageTimer>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly answers: AnswersService,
    private readonly policies: FeedbackPolicies,
    private readonly requests: FeedbackRequests,
    registry: Registry,
  ) {
    this.ratings = new Counter({
      name: 'gridwhistle_feedback_ratings_total',
      help: 'Residents\u2019 ratings of resolved cases, by department',
      labelNames: ['rating', 'department'],
      registers: [registry],
    });
    this.closed = new Counter({
      name: 'gridwhistle_cases_closed_total',
      help: 'Cases closed (销号), by the outcome that closed them: solved and satisfied, or no feedback in time',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of CLOSING_OUTCOMES) this.closed.inc({ outcome }, 0);
    this.timeStage = caseStageTimer(registry, ['resolved_to_closed']);
  }

  /**
   * Remembers which integration reported each case, with the case's public summary. Version 1
   * of case.reported names no integration: such a case can be graded by nobody rather than by
   * the wrong integration.
   */
  async rememberReporters(manager: EntityManager, reported: EventEnvelope<'case.reported'>[]): Promise<void> {
    const reporters = reported.flatMap(({ version, caseId, payload }) =>
      version === 1
        ? []
        : [{
            caseId,
            integrationCode: payload.integrationCode,
            categoryCode: payload.categoryCode,
            gridCode: payload.gridCode,
            channel: payload.channel,
            description: payload.description,
            reportedAt: new Date(payload.reportedAt),
          }],
    );
    if (reporters.length === 0) return;
    // A case is reported once; should intake announce it again, the first reporter stands.
    await manager.createQueryBuilder().insert().into(CaseReporterEntity).values(reporters).orIgnore().execute();
    await this.requests.request(manager, reporters.map((r) => r.caseId));
  }

  /**
   * A resolution opens the callback, or opens it again after a reopening (重办), with the
   * answer window of the policy in force when it was resolved.
   */
  async awaitFeedback(manager: EntityManager, resolved: EventEnvelope<'case.resolved'>[]): Promise<void> {
    const latest = [...new Map(resolved.map((event) => [event.caseId, event])).values()];
    const rows = latest.map(({ caseId, payload, occurredAt, trace }) => {
      const resolvedAt = new Date(occurredAt);
      const policy = this.policies.at(resolvedAt);
      const dueAt = new Date(resolvedAt.getTime() + policy.answerWindowHours * 3_600_000);
      return [caseId, payload.departmentCode, resolvedAt, payload.resolution, policy.version, dueAt, trace?.traceparent ?? ''];
    });
    await manager.query(
      `INSERT INTO feedback.callbacks (case_id, department_code, status, resolved_at, resolution, reopen_count, policy_version, answer_due_at, traceparent)
       SELECT r.case_id, r.department, 'awaiting_feedback', r.resolved_at, r.resolution, 0, r.policy, r.due_at, r.traceparent
         FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[], $7::text[])
           AS r(case_id, department, resolved_at, resolution, policy, due_at, traceparent)
       ON CONFLICT (case_id) DO UPDATE
         SET department_code = excluded.department_code, status = 'awaiting_feedback', resolved_at = excluded.resolved_at,
             resolution = excluded.resolution, policy_version = excluded.policy_version, answer_due_at = excluded.answer_due_at,
             solved = NULL, rating = NULL, outcome = NULL, graded_by = NULL, graded_at = NULL
         WHERE feedback.callbacks.status = 'reopened'`,
      rows[0].map((_, column) => rows.map((row) => row[column])),
    );
    await this.requests.request(manager, latest.map((event) => event.caseId));
  }

  /**
   * Records the answer once; the same answer sent again (a retry) answers as the first did.
   * Only the integration that reported the case may answer for it: to any other the case
   * answers exactly as one that does not exist, so that nobody learns of others' cases.
   */
  async record(caseId: string, answer: Answer, gradedBy: string) {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const callback = await manager.findOne(CallbackEntity, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
      const mayGrade = callback !== null && (await manager.existsBy(CaseReporterEntity, { caseId, integrationCode: gradedBy }));
      if (!mayGrade) throw new NotFoundException(`no resolved case ${caseId} is awaiting feedback`);
      if (callback.status !== 'awaiting_feedback') {
        const given = await this.answers.latest(manager, caseId);
        if (given && given.rating === answer.rating && given.solved === answer.solved) return { receipt: receipt(callback), fresh: false as const };
        throw new Problem(409, 'conflict', `case ${caseId} was already answered (${callback.outcome ?? callback.rating})`, {
          currentState: callback.status,
          rating: callback.rating,
          solved: callback.solved,
        });
      }
      return { receipt: await this.answers.apply(manager, callback, answer, gradedBy), fresh: true as const, department: callback.departmentCode, resolvedAt: callback.resolvedAt };
    });
    if (outcome.fresh) {
      this.ratings.inc({ rating: answer.rating, department: outcome.department });
      if (outcome.receipt.caseClosed) {
        this.closed.inc({ outcome: outcome.receipt.outcome });
        this.timeStage('resolved_to_closed', outcome.resolvedAt, new Date(outcome.receipt.gradedAt));
      }
    }
    return outcome.receipt;
  }
}
