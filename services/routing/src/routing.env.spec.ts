import { loadEnv } from '@gridwhistle/platform';
import { RoutingEnv } from './routing.env';

describe('routing environment', () => {
  it('sweeps for cases awaiting triage every 10 s unless told otherwise', () => {
    expect(loadEnv(RoutingEnv, { GRIDWHISTLE_PROFILE: 'local' }).TRIAGE_SWEEP_INTERVAL_MS).toBe(10_000);
    expect(loadEnv(RoutingEnv, { GRIDWHISTLE_PROFILE: 'local', TRIAGE_SWEEP_INTERVAL_MS: '200' }).TRIAGE_SWEEP_INTERVAL_MS).toBe(200);
  });

  it('refuses a sweep interval that is not a sensible number of milliseconds', () => {
    expect(() => loadEnv(RoutingEnv, { TRIAGE_SWEEP_INTERVAL_MS: '10' })).toThrow(/at least 50/);
    expect(() => loadEnv(RoutingEnv, { TRIAGE_SWEEP_INTERVAL_MS: 'often' })).toThrow(/whole number of milliseconds/);
  });
});
