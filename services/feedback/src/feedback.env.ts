import { Matches, MinLength } from 'class-validator';
import { ServiceEnv } from '@gridwhistle/platform';

/** For local use only: anyone can read these here. */
const LOCAL_LINK_KEY = 'bG9jYWwtZmVlZGJhY2stbGluay1rZXktbm90LXNlY3I=';
const LOCAL_PII_KEY = 'bG9jYWwtZmVlZGJhY2stY29tbWVudC1rZXktbm90LXM=';

export class FeedbackEnv extends ServiceEnv {
  override PORT = 3004;

  /** 32 bytes, base64: signs residents' feedback links; intake holds the same key to build them. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'FEEDBACK_LINK_KEY must be 32 bytes in base64' })
  FEEDBACK_LINK_KEY = LOCAL_LINK_KEY;

  /** 32 bytes, base64: encrypts residents' comments at rest. */
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'PII_ENCRYPTION_KEY must be 32 bytes in base64' })
  PII_ENCRYPTION_KEY = LOCAL_PII_KEY;

  /** The versioned feedback policy (answer window, reopen limit, verification, rate weights). */
  @MinLength(1)
  FEEDBACK_POLICY_FILE = 'deploy/feedback/feedback-policy.json';

  override developmentDefaults(): string[] {
    return [
      ...super.developmentDefaults(),
      ...(this.FEEDBACK_LINK_KEY !== LOCAL_LINK_KEY ? [] : ['FEEDBACK_LINK_KEY must be a key of your own, shared with intake (openssl rand -base64 32)']),
      ...(this.PII_ENCRYPTION_KEY !== LOCAL_PII_KEY ? [] : ['PII_ENCRYPTION_KEY must be a key of your own, not the published development key (openssl rand -base64 32)']),
    ];
  }
}
