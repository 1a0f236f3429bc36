import { Injectable } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { CallbackEntity } from '../callbacks/callback.entity';
import { FeedbackPolicies } from '../policy/feedback-policy';
import { FeedbackClock } from '../policy/feedback.clock';
import { CommentCipher } from '../policy/comment.cipher';
import { AnswerEntity } from './answer.entity';
import { Answer, decide, outcomeOf } from './answer-outcome';

/** What the one who answered is told. */
export interface AnswerReceipt {
  caseId: string;
  solved: boolean | null;
  rating: string | null;
  outcome: string;
  caseClosed: boolean;
  reopened: boolean;
  reopenCount: number;
  gradedAt: string;
}

/**
 * Records an answer and acts on it, in the caller's transaction with the callback locked:
 * a good result closes the case, any other sends it back (重办) or, past the policy's limit,
 * to the command centre. A link of the round opens nothing once the round is answered (the page checks).
 */
@Injectable()
export class AnswersService {
  private readonly outcomes: Counter;

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly policies: FeedbackPolicies,
    private readonly clock: FeedbackClock,
    private readonly comments: CommentCipher,
    registry: Registry,
  ) {
    this.outcomes = new Counter({
      name: 'gridwhistle_feedback_outcomes_total',
      help: 'Answers to callbacks by what they amount to, by department',
      labelNames: ['outcome', 'department'],
      registers: [registry],
    });
  }

  async apply(manager: EntityManager, callback: CallbackEntity, answer: Answer, answeredBy: string): Promise<AnswerReceipt> {
    const now = this.clock.now();
    const { caseId, departmentCode, reopenCount } = callback;
    const policy = callback.policyVersion ? this.policies.named(callback.policyVersion) : this.policies.at(callback.resolvedAt);
    const outcome = outcomeOf(answer);
    const decision = decide(outcome, reopenCount, policy.reopenLimit);
    const comment = answer.comment ? this.comments.encrypt(answer.comment) : null;
    await manager.insert(AnswerEntity, { caseId, reopenCount, departmentCode, solved: answer.solved, rating: answer.rating, outcome, comment, answeredBy, answeredAt: now });
    const graded = { solved: answer.solved, rating: answer.rating, outcome, gradedBy: answeredBy, gradedAt: now };
    const options = { trace: callback.traceparent ? { traceparent: callback.traceparent } : undefined, occurredAt: now };
    const events: EventEnvelope[] = [createEvent('case.graded', caseId, { rating: answer.rating, solved: answer.solved, outcome, reopenCount }, options)];
    let changes: Partial<CallbackEntity>;
    if (decision.kind === 'close') {
      changes = { ...graded, status: 'closed', closedAt: now };
      events.push(createEvent('case.closed', caseId, { outcome: 'solved_satisfied', rating: answer.rating, reopenCount }, options));
    } else if (decision.kind === 'reopen') {
      changes = { ...graded, status: 'reopened', reopenCount: decision.reopenCount, answerDueAt: null };
      const { supervisionLevel } = decision;
      events.push(createEvent('case.reopened', caseId, { leadUnitCode: departmentCode, outcome, reopenCount: decision.reopenCount, supervisionLevel, policyVersion: policy.version }, options));
    } else {
      changes = { ...graded, status: 'escalated', answerDueAt: null };
      events.push(createEvent('case.reopen_limit_reached', caseId, { leadUnitCode: departmentCode, outcome, reopenCount, reopenLimit: policy.reopenLimit, policyVersion: policy.version }, options));
    }
    await manager.update(CallbackEntity, { caseId }, changes);
    await this.outbox.add(manager, ...events);
    this.outcomes.inc({ outcome, department: departmentCode });
    return receipt({ ...callback, ...changes });
  }

  /** The round's answer given before, to tell a retry (the same answer) from a change of mind. */
  latest(manager: EntityManager, caseId: string): Promise<AnswerEntity | null> {
    return manager.findOne(AnswerEntity, { where: { caseId }, order: { reopenCount: 'DESC' } });
  }
}

export function receipt(callback: CallbackEntity): AnswerReceipt {
  return {
    caseId: callback.caseId,
    solved: callback.solved,
    rating: callback.rating,
    outcome: callback.outcome ?? 'no_feedback',
    caseClosed: callback.status === 'closed',
    reopened: callback.status === 'reopened',
    reopenCount: callback.reopenCount,
    gradedAt: (callback.gradedAt ?? callback.closedAt ?? new Date()).toISOString(),
  };
}
