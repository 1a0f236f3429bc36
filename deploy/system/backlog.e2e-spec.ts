import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';

const CASES = 3000;

/**
 * A department service that was down comes back to thousands of dispatches waiting on Kafka.
 * It takes them in full-size batches, shared transactions bounded in size, and ends with
 * every case exactly once and nothing dead-lettered.
 */
describe('catching up a backlog, end to end', () => {
  let system: RunningSystem;
  beforeAll(async () => (system = await RunningSystem.start()));
  afterAll(() => system?.stop());

  it('works through the backlog in large transactions, each case once', async () => {
    const count = (sql: string) => system.count(sql);
    // The department has taken in routing's directory version: the backlog is dispatches alone.
    await eventually(async () => expect(await count('SELECT count(*)::int AS n FROM department.units')).toBeGreaterThan(0));
    await system.shutDown('department');
    const apiKey = system.apiKey('integrations', 'hotline_12345');
    let next = 0;
    const caller = async () => {
      while (next < CASES) {
        const i = next++;
        const answer = await system.call('intake', '/v1/cases', {
          apiKey,
          body: { category: 'manhole_cover', description: `积压 ${i}`, location: { gridCode: 'kaizhou.hanfeng.binhu.g01' }, channel: 'hotline' },
        });
        expect(answer.status).toBe(201);
      }
    };
    await Promise.all(Array.from({ length: 32 }, caller));
    await eventually(async () => expect(await count('SELECT count(*)::int AS n FROM routing.dispatches')).toBe(CASES), 60_000);

    await system.restart('department');
    await eventually(async () => expect(await count('SELECT count(*)::int AS n FROM department.cases')).toBe(CASES), 60_000);
    expect(await count('SELECT count(*)::int AS n FROM department.inbox')).toBe(CASES + 1); // and the directory version
    expect(system.logs.filter((line) => line.includes('dead-lettered'))).toEqual([]);

    // The backlog came in large shared transactions, not a transaction per event or per partition.
    const metrics = (await system.call('department', '/metrics')).text;
    const sum = Number(metrics.match(/^gridwhistle_inbox_transaction_events_sum\{[^}]*\} (\S+)$/m)?.[1]);
    const transactions = Number(metrics.match(/^gridwhistle_inbox_transaction_events_count\{[^}]*\} (\S+)$/m)?.[1]);
    expect(sum).toBe(CASES);
    expect(sum / transactions).toBeGreaterThan(100);
  });
});
