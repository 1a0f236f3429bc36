import { IsInt, Min } from 'class-validator';
import { ServiceEnv } from '@gridwhistle/platform';

export class RoutingEnv extends ServiceEnv {
  override PORT = 3002;

  /** How often cases awaiting triage are checked for a route that has appeared since. Typed for implicit conversion. */
  @IsInt({ message: 'TRIAGE_SWEEP_INTERVAL_MS must be a whole number of milliseconds' })
  @Min(50, { message: 'TRIAGE_SWEEP_INTERVAL_MS must be at least 50' })
  TRIAGE_SWEEP_INTERVAL_MS: number = 10_000;

  /** How often due deadline timers (warnings, breaches, the supervision ladder) are fired. */
  @IsInt({ message: 'DEADLINE_POLL_INTERVAL_MS must be a whole number of milliseconds' })
  @Min(50, { message: 'DEADLINE_POLL_INTERVAL_MS must be at least 50' })
  DEADLINE_POLL_INTERVAL_MS: number = 5_000;
}
