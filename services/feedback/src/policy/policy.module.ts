import { DynamicModule, Module } from '@nestjs/common';
import { FeedbackEnv } from '../feedback.env';
import { FeedbackPolicies } from './feedback-policy';
import { FeedbackClock } from './feedback.clock';
import { CommentCipher } from './comment.cipher';

/** The policy in force, the clock, and the comment cipher: what every feature of feedback judges by. */
@Module({})
export class PolicyModule {
  static register(env: FeedbackEnv): DynamicModule {
    return {
      module: PolicyModule,
      global: true,
      providers: [
        { provide: FeedbackPolicies, useValue: FeedbackPolicies.fromFile(env.FEEDBACK_POLICY_FILE) },
        { provide: CommentCipher, useValue: new CommentCipher(env.PII_ENCRYPTION_KEY) },
        FeedbackClock,
      ],
      exports: [FeedbackPolicies, FeedbackClock, CommentCipher],
    };
  }
}
