import { ServiceEnv } from '@gridwhistle/platform';

export class FeedbackEnv extends ServiceEnv {
  override PORT = 3004;
}
