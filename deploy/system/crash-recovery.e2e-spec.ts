import { eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';

const CALLS = 120;

/**
 * Services are killed with SIGKILL while cases flow; the call centre retries its calls with
 * the same Idempotency-Key, as it does on a timeout. Afterwards every call has exactly one
 * case, and every case was dispatched exactly once and reached its department once.
 */
describe('crash recovery, end to end', () => {
  let system: RunningSystem;
  beforeAll(async () => (system = await RunningSystem.start()));
  afterAll(() => system?.stop());

  it('loses nothing and duplicates nothing when services crash mid-flow', async () => {
    const apiKey = system.apiKey('integrations', 'grid_app');
    let next = 0;
    let failedAttempts = 0;
    const report = async (i: number) => {
      for (;;) {
        try {
          const answer = await system.call('intake', '/v1/cases', {
            apiKey,
            headers: { 'idempotency-key': `crash-${i}` },
            body: {
              category: i % 2 ? 'litter' : 'illegal_construction',
              description: `巡查发现问题 ${i}`,
              location: { gridCode: 'kaizhou.yunfeng.pingqiao.g03' },
              channel: 'grid',
              gridWorkerId: 'GW-0031',
            },
          });
          if (answer.status === 201) return;
          failedAttempts++;
        } catch {
          failedAttempts++; // connection refused while intake is down
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const caller = async () => {
      while (next < CALLS) await report(next++);
    };
    const callers = Promise.all(Array.from({ length: 8 }, caller));

    await eventually(() => expect(next).toBeGreaterThan(CALLS / 4), 30_000, 20);
    await Promise.all([system.crash('intake'), system.crash('routing')]);
    await Promise.all([system.restart('intake'), system.restart('routing')]);
    await eventually(() => expect(next).toBeGreaterThan((CALLS * 2) / 3), 60_000, 20);
    await Promise.all([system.crash('routing'), system.crash('department')]);
    await Promise.all([system.restart('routing'), system.restart('department')]);
    await callers;
    expect(failedAttempts).toBeGreaterThan(0); // the crashes really hit calls in flight

    const count = (sql: string) => system.count(sql);
    expect(await count(`SELECT count(*)::int AS n FROM intake.cases WHERE idempotency_key LIKE 'crash-%'`)).toBe(CALLS);
    // One lead per case; the units assisting or copied (illegal construction has both) hold rows of their own.
    await eventually(
      async () => expect(await count(`SELECT count(*)::int AS n FROM department.cases WHERE role = 'lead'`)).toBe(CALLS),
      60_000,
    );
    expect(await count('SELECT count(DISTINCT case_id)::int AS n FROM department.cases')).toBe(CALLS);
    await eventually(async () =>
      expect(await count(`SELECT count(*)::int AS n FROM intake.cases WHERE status = 'dispatched'`)).toBe(CALLS),
    );
    // Exactly one dispatch decision and one case.dispatched event per case, whatever was redelivered.
    expect(await count(`SELECT count(DISTINCT case_id)::int AS n FROM routing.dispatches`)).toBe(CALLS);
    expect(await count(`SELECT count(*)::int AS n FROM routing.outbox WHERE type = 'case.dispatched'`)).toBe(CALLS);
    expect(
      await count(`SELECT count(*)::int AS n FROM intake.timeline_entries WHERE type = 'case.dispatched'`),
    ).toBe(CALLS);
    await eventually(async () =>
      expect(await count(`SELECT count(*)::int AS n FROM intake.outbox WHERE published_at IS NULL`)).toBe(0),
    );
  });
});
