import { SERVICES, ServiceName } from './setup';
import { freePort, spawnService } from './services';

/** What a service prints and how it ends when started from the build with `env`. */
async function startAndWait(service: ServiceName, env: Record<string, string | undefined>) {
  const lines: string[] = [];
  const child = spawnService(service, env, (line) => lines.push(line));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output: lines.join('\n') };
}

/**
 * Started outside the local stack, with nothing but the variables a careless deployment would
 * forget, every service refuses the development defaults and exits before touching anything.
 */
describe('a service started without GRIDWHISTLE_PROFILE', () => {
  it.each(SERVICES)('%s exits non-zero, naming each development default it refuses', async (service) => {
    const { code, output } = await startAndWait(service, {
      GRIDWHISTLE_PROFILE: undefined,
      NODE_ENV: undefined,
      DB_PASSWORD: undefined,
      METRICS_PORT: undefined,
      METRICS_TOKEN: undefined,
      PII_ENCRYPTION_KEY: undefined,
      PORT: String(await freePort()),
    });
    expect(code).not.toBe(0);
    expect(output).toMatch(new RegExp(`^${service}: invalid environment`, 'm'));
    expect(output).not.toMatch(/^\s+at /m); // the reasons, not a stack trace
    expect(output).toMatch(/GRIDWHISTLE_PROFILE=local allows them on a development machine/);
    expect(output).toMatch(/DB_PASSWORD must be set to the service role's own password/);
    expect(output).toMatch(/METRICS_PORT or METRICS_TOKEN must be set/);
    if (service === 'intake' || service === 'feedback') {
      expect(output).toMatch(/PII_ENCRYPTION_KEY must be a key of your own/);
      expect(output).toMatch(/FEEDBACK_LINK_KEY must be a key of your own/);
    }
  });
});
