import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { OutboxWriter } from '@gridwhistle/messaging';
import { AnswersService } from './answers/answers.service';
import { CallbacksService } from './callbacks/callbacks.service';
import { NoFeedbackTimer } from './no-feedback/no-feedback.timer';
import { CommentCipher } from './policy/comment.cipher';
import { FeedbackPolicies } from './policy/feedback-policy';
import { FeedbackClock } from './policy/feedback.clock';
import { FeedbackRequests } from './resident/feedback-requests';

/** Feedback's services wired by hand on a test's data source, with the deployed policy and a clock the test moves. */
export function feedbackServices(dataSource: DataSource, policies = FeedbackPolicies.fromFile('deploy/feedback/feedback-policy.json')) {
  const outbox = new OutboxWriter('feedback');
  const clock = new FeedbackClock();
  const comments = new CommentCipher('bG9jYWwtZmVlZGJhY2stY29tbWVudC1rZXktbm90LXM=');
  const registry = new Registry();
  const answers = new AnswersService(outbox, policies, clock, comments, registry);
  const requests = new FeedbackRequests(outbox, policies);
  return {
    clock,
    comments,
    answers,
    callbacks: new CallbacksService(dataSource, answers, policies, requests, registry),
    timer: new NoFeedbackTimer(dataSource, outbox, clock),
  };
}
