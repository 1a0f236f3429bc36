import { TopicReader, eventually } from '@gridwhistle/testing';
import { RunningSystem } from './running-system';
import { SERVICES } from './setup';

const OUTAGE_MS = 5000;

/**
 * Postgres goes away for several seconds while cases flow through the four services, as in
 * a failover: it refuses connections and every open one is terminated. Reports carry no
 * Idempotency-Key, so a report written twice would be two cases. Afterwards nothing is on the
 * dead-letter topic, every accepted report is one case, dispatched once and in its
 * department's list once, every call during the outage was accepted or answered 503, and no
 * service exited.
 */
describe('database outage, end to end', () => {
  let system: RunningSystem;
  let deadLetters: TopicReader;
  beforeAll(async () => {
    system = await RunningSystem.start();
    deadLetters = await new TopicReader(system.env.kafka, 'deadLetter').start();
  });
  afterAll(async () => {
    await deadLetters?.stop();
    await system?.stop();
  });

  it('loses, dead-letters and duplicates nothing when Postgres goes away mid-flow', async () => {
    const apiKey = system.apiKey('integrations', 'hotline_12345');
    const accepted: string[] = [];
    const refused: { status: number; text: string }[] = [];
    let slowest = 0;
    let calling = true;
    const caller = async () => {
      for (let i = 0; calling; i++) {
        const began = Date.now();
        const answer = await system.call('intake', '/v1/cases', {
          apiKey,
          body: { category: 'litter', description: `停电期间的报告 ${i}`, location: { gridCode: 'kaizhou.yunfeng.pingqiao.g01' }, channel: 'hotline' },
        });
        slowest = Math.max(slowest, Date.now() - began);
        if (answer.status === 201) accepted.push(answer.body.id);
        else refused.push({ status: answer.status, text: answer.text });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const callers = Promise.all(Array.from({ length: 4 }, caller));

    await eventually(() => expect(accepted.length).toBeGreaterThan(40), 30_000, 20);
    await system.databaseOutage(OUTAGE_MS);
    const afterOutage = accepted.length;
    await eventually(() => expect(accepted.length).toBeGreaterThan(afterOutage + 40), 30_000, 20);
    calling = false;
    await callers;

    // Calls during the outage waited for the database or were told to retry: never 500.
    expect(refused.filter(({ status }) => status !== 503)).toEqual([]);
    for (const { text } of refused) {
      expect(JSON.parse(text)).toMatchObject({ type: 'https://gridwhistle.dev/problems/service-unavailable', status: 503 });
    }
    expect(slowest).toBeGreaterThan(OUTAGE_MS / 2); // the outage really held up reports in flight
    // Consumers met the outage mid-batch and waited it out instead of counting it against events.
    expect(system.logs.some((line) => line.includes('transient failure, events wait until the database answers'))).toBe(true);

    // Every accepted report is exactly one case (no retry wrote it again under a new id) …
    expect(new Set(accepted).size).toBe(accepted.length);
    const stored: { id: string }[] = (await system.db.query('SELECT id FROM intake.cases')).rows;
    expect(stored.map((row) => row.id).sort()).toEqual([...accepted].sort());
    // … dispatched exactly once, and in its department's list once.
    const count = (sql: string) => system.count(sql);
    await eventually(async () => expect(await count('SELECT count(*)::int AS n FROM department.cases')).toBe(accepted.length), 60_000);
    await eventually(async () =>
      expect(await count(`SELECT count(*)::int AS n FROM intake.cases WHERE status = 'dispatched'`)).toBe(accepted.length),
    );
    expect(await count('SELECT count(DISTINCT case_id)::int AS n FROM routing.dispatches')).toBe(accepted.length);
    expect(await count(`SELECT count(*)::int AS n FROM routing.outbox WHERE type = 'case.dispatched'`)).toBe(accepted.length);
    expect((await departmentList(system)).sort()).toEqual([...accepted].sort());

    expect(deadLetters.messages).toEqual([]);
    expect(SERVICES.filter((service) => !system.isRunning(service))).toEqual([]);
  });
});

/** Every case id in urban management's list (where litter goes), page by page through the API. */
async function departmentList(system: RunningSystem): Promise<string[]> {
  const apiKey = system.apiKey('departments', 'urban_management');
  const ids: string[] = [];
  for (let after: string | null = null; ; ) {
    const page = await system.call('department', `/v1/cases?limit=200${after ? `&after=${after}` : ''}`, { apiKey });
    expect(page.status).toBe(200);
    ids.push(...page.body.cases.map((c: { id: string }) => c.id));
    after = page.body.next;
    if (!after) return ids;
  }
}
