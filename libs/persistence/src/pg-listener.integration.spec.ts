import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PgListener } from './pg-listener';

/** Resolves once `condition` holds, checking every 10 ms; fails after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still false after ${timeoutMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('PgListener on real Postgres', () => {
  // LISTEN/NOTIFY work in any database: the maintenance one, on a channel of this test's own.
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = '/postgres';
  const id = randomBytes(4).toString('hex');
  const channel = `listener_test_${id}`;
  const applicationName = `pg-listener-test-${id}`;
  const admin = new Client({ connectionString: url.toString() });
  const events: string[] = [];
  const listener = new PgListener({
    connectionString: url.toString(),
    channel,
    applicationName,
    onNotification: () => events.push('notified'),
    onListening: () => events.push('listening'),
    onLost: () => events.push('lost'),
    reconnectDelayMs: 50,
  });
  const notify = () => admin.query('SELECT pg_notify($1, $2)', [channel, '']);
  const terminate = () =>
    admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = $2', [
      applicationName,
      'postgres',
    ]);

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await listener.stop();
    await admin.end();
  });

  it('hears notifications on its channel', async () => {
    await listener.start();
    expect(events).toEqual(['listening']);
    await notify();
    await until(() => events.length === 2);
    expect(events).toEqual(['listening', 'notified']);
  });

  it('survives its backend being terminated: says it lost the connection, reconnects and listens again', async () => {
    events.length = 0;
    await terminate();
    await until(() => events.includes('listening'));
    expect(events).toEqual(['lost', 'listening']);
    expect(listener.listening).toBe(true);
    await notify();
    await until(() => events.includes('notified'));
    expect((await listener.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('once stopped, stays stopped', async () => {
    await listener.stop();
    events.length = 0;
    await notify();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).toEqual([]);
    expect(listener.listening).toBe(false);
    await expect(listener.query('SELECT 1')).rejects.toThrow(/not listening/);
  });
});
