import { randomUUID } from 'node:crypto';
import { ServiceName } from './setup';
import { RunningSystem } from './running-system';

/**
 * Each service that takes API keys, running from the build: a key revoked in its callers table
 * (by an administrator, straight in the database) stops working within a second, although
 * the service had it cached.
 */
describe('API keys revoked in the database, end to end', () => {
  let system: RunningSystem;
  beforeAll(async () => (system = await RunningSystem.start()));
  afterAll(() => system?.stop());

  /** A call the key's owner may make: any answer but 401 means the key was accepted. */
  const calls: Record<string, { service: ServiceName; table: string; kind: 'departments' | 'integrations' | 'operators'; code: string; path: string; body?: unknown }> = {
    intake: { service: 'intake', table: 'intake.integrations', kind: 'integrations', code: 'hotline_12345', path: '/v1/cases', body: {} },
    routing: { service: 'routing', table: 'routing.operators', kind: 'operators', code: 'command_centre', path: `/v1/cases/${randomUUID()}/routing` },
    department: { service: 'department', table: 'department.departments', kind: 'departments', code: 'urban_management', path: '/v1/cases' },
    feedback: {
      service: 'feedback',
      table: 'feedback.integrations',
      kind: 'integrations',
      code: 'hotline_12345',
      path: `/v1/cases/${randomUUID()}/feedback`,
      body: { solved: true, rating: 'satisfied' },
    },
  };

  it.each(Object.keys(calls))('%s refuses a revoked key within a second', async (name) => {
    const { service, table, kind, code, path, body } = calls[name];
    const status = async () => (await system.call(service, path, { apiKey: system.apiKey(kind, code), body })).status;
    expect(await status()).not.toBe(401);
    expect(await status()).not.toBe(401);
    const started = Date.now();
    await system.db.query(`DELETE FROM ${table} WHERE code = $1`, [code]);
    while ((await status()) !== 401) {
      if (Date.now() - started > 5000) throw new Error('still accepted after 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
