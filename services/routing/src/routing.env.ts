import { ServiceEnv } from '@gridwhistle/platform';

export class RoutingEnv extends ServiceEnv {
  override PORT = 3002;
}
