import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { serviceDatabase } from '@gridwhistle/persistence';
import { IsolatedEnvironment, createIsolatedEnvironment } from '@gridwhistle/testing';
import { SERVICES, generateCredentials, loadSampleCity, rolePasswords, setUpSystem } from '../setup';
import { FinalStatus } from './bench.system';
import { CaseClock } from './case.clock';
import { countLedger } from './integrity.check';
import { StageWatcher } from './stage.watcher';

/**
 * What the benchmark reads from the services' tables, on the real schemas (migrated, no
 * service running): rows are written here as the services would write them.
 */
describe('the benchmark\u2019s observers', () => {
  let env: IsolatedEnvironment;
  let db: Client;

  beforeAll(async () => {
    env = await createIsolatedEnvironment(SERVICES.map((s) => serviceDatabase(s)));
    const city = loadSampleCity();
    await setUpSystem({ databaseUrl: env.databaseUrl, kafka: env.kafka, city, credentials: generateCredentials(city), passwords: rolePasswords({}, 'local') });
    db = new Client({ connectionString: env.databaseUrl });
    await db.connect();
    // Intake's read-model of the directory, as routing's directory.published would leave it.
    await db.query(`INSERT INTO intake.categories VALUES ('manhole_cover', '井盖缺失')`);
    await db.query(`INSERT INTO intake.areas VALUES ('kaizhou.hanfeng.binhu.g01', '滨湖社区第一网格', 'grid', NULL)`);
  });
  afterAll(async () => {
    await db?.end();
    await env?.dispose();
  });

  const clientNow = () => performance.timeOrigin + performance.now();

  /** One case as far as it got in each service; a stage left out is a row that is missing. */
  async function writeCase(
    stages: { intake?: string; routed?: boolean; department?: string; feedback?: string },
    times: { decidedAt?: number; listedAt?: number } = {},
  ): Promise<string> {
    const id = randomUUID();
    const where = ['manhole_cover', 'kaizhou.hanfeng.binhu.g01'];
    if (stages.intake) {
      await db.query(
        `INSERT INTO intake.cases (id, category_code, grid_code, channel, description, status, reported_by, traceparent)
         VALUES ($1, $2, $3, 'hotline', 'bench', $4, 'hotline_12345', '')`,
        [id, ...where, stages.intake],
      );
    }
    if (stages.routed) {
      await db.query(
        `INSERT INTO routing.dispatches (case_id, category_code, grid_code, outcome, department_code, decided_at, due_at)
         VALUES ($1, $2, $3, 'dispatched', 'urban_management', to_timestamp($4 / 1000.0), now() + interval '1 day')`,
        [id, ...where, times.decidedAt ?? clientNow()],
      );
    }
    if (stages.department) {
      await db.query(
        `INSERT INTO department.cases (case_id, department_code, role, round, category_code, grid_code, description, status, dispatched_at, due_at, traceparent, updated_at)
         VALUES ($1, 'urban_management', 'lead', 1, $2, $3, 'bench', $4, now(), now() + interval '1 day', '', to_timestamp($5 / 1000.0))`,
        [id, ...where, stages.department, times.listedAt ?? clientNow()],
      );
    }
    if (stages.feedback) {
      await db.query(
        `INSERT INTO feedback.callbacks (case_id, department_code, status, resolved_at, traceparent) VALUES ($1, 'urban_management', $2, now(), '')`,
        [id, stages.feedback],
      );
    }
    return id;
  }

  const dispatchedEverywhere = { intake: 'dispatched', routed: true, department: 'dispatched' };
  const closedEverywhere = { intake: 'closed', routed: true, department: 'closed', feedback: 'closed' };

  describe('countLedger', () => {
    it('counts a case lost unless every service holds it in the status it must end in', async () => {
      const ledger = new Map<string, FinalStatus>([
        [await writeCase(dispatchedEverywhere), 'dispatched'],
        [await writeCase(closedEverywhere), 'closed'],
        [await writeCase({ intake: 'dispatched', routed: true }), 'dispatched'], // never reached the department
        [await writeCase({ ...closedEverywhere, feedback: 'awaiting_feedback' }), 'closed'], // feedback never closed it
        [await writeCase({ ...dispatchedEverywhere, intake: 'reported' }), 'dispatched'], // intake never heard of the dispatch
      ]);
      expect(await countLedger(db, ledger, 0)).toEqual({ lost: 3, duplicated: 0 });
    });

    it('waits for a case that is still on its way before counting it lost', async () => {
      const late = await writeCase({ intake: 'dispatched', routed: true });
      const counting = countLedger(db, new Map([[late, 'dispatched']]), 10_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await db.query(
        `INSERT INTO department.cases (case_id, department_code, role, round, category_code, grid_code, description, status, dispatched_at, due_at, traceparent)
         VALUES ($1, 'urban_management', 'lead', 1, 'manhole_cover', 'kaizhou.hanfeng.binhu.g01', 'bench', 'dispatched', now(), now(), '')`,
        [late],
      );
      expect(await counting).toEqual({ lost: 0, duplicated: 0 });
    });

    it('counts a case duplicated when intake recorded an event of it twice or a service produced one twice', async () => {
      const recordedTwice = await writeCase(dispatchedEverywhere);
      for (let i = 0; i < 2; i++) {
        await db.query(`INSERT INTO intake.timeline_entries (event_id, case_id, type, occurred_at) VALUES ($1, $2, 'case.dispatched', now())`, [
          randomUUID(),
          recordedTwice,
        ]);
      }
      const producedTwice = await writeCase(dispatchedEverywhere);
      for (let i = 0; i < 2; i++) {
        await db.query(`INSERT INTO routing.outbox (id, case_id, topic, type, envelope) VALUES ($1, $2, 'routing', 'case.dispatched', '{}')`, [
          randomUUID(),
          producedTwice,
        ]);
      }
      const ledger = new Map<string, FinalStatus>([
        [recordedTwice, 'dispatched'],
        [producedTwice, 'dispatched'],
      ]);
      expect(await countLedger(db, ledger, 0)).toEqual({ lost: 0, duplicated: 2 });
    });
  });

  describe('CaseClock', () => {
    it('puts the times of dispatch and of the department list on the client\u2019s performance.now() timeline', async () => {
      const clock = await CaseClock.create(db);
      const { rows } = await db.query(`SELECT current_setting('track_commit_timestamp') AS on`);
      expect(clock.source).toBe(rows[0].on === 'on' ? 'commit' : 'transaction');
      if (clock.source === 'commit') return; // commit times are the server's own: nothing to plant

      const now = performance.now();
      const id = await writeCase(dispatchedEverywhere, { decidedAt: clientNow() - 100, listedAt: clientNow() - 40 });
      const times = await clock.stageTimes([id]);
      // Within the calibration's error (half the fastest round trip), and with the right sign.
      expect(Math.abs(times.dispatched.get(id)! - (now - 100))).toBeLessThan(25);
      expect(times.listed.get(id)! - times.dispatched.get(id)!).toBeCloseTo(60, 0);
      expect(await clock.lastListed([id])).toBeCloseTo(times.listed.get(id)!, 3);
    });
  });

  describe('StageWatcher', () => {
    it('answers once a case reaches a stage, and gives up on one that never does', async () => {
      const watcher = new StageWatcher(db, 1500);
      watcher.start();
      try {
        const id = await writeCase({ intake: 'dispatched', routed: true });
        let listed = false;
        const waiting = watcher.reached('listed', id).then(() => (listed = true));
        const never = watcher.reached('closed', id);
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(listed).toBe(false);
        await db.query(
          `INSERT INTO department.cases (case_id, department_code, role, round, category_code, grid_code, description, status, dispatched_at, due_at, traceparent)
           VALUES ($1, 'urban_management', 'lead', 1, 'manhole_cover', 'kaizhou.hanfeng.binhu.g01', 'bench', 'dispatched', now(), now(), '')`,
          [id],
        );
        await waiting;
        expect(listed).toBe(true);
        await expect(never).rejects.toThrow(`case ${id} did not reach "closed" within 1.5 s`);
      } finally {
        await watcher.stop();
      }
    });

    it('lets a case await feedback only once the feedback service knows its reporter too', async () => {
      const watcher = new StageWatcher(db, 1500);
      watcher.start();
      try {
        // Resolved, but case.reported (intake's topic) not handled yet: the reporter's grade would get a 404.
        const id = await writeCase({ ...dispatchedEverywhere, feedback: 'awaiting_feedback' });
        let awaiting = false;
        const waiting = watcher.reached('awaitingFeedback', id).then(() => (awaiting = true));
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(awaiting).toBe(false);
        await db.query(`INSERT INTO feedback.case_reporters (case_id, integration_code) VALUES ($1, 'hotline_12345')`, [id]);
        await waiting;
        expect(awaiting).toBe(true);
      } finally {
        await watcher.stop();
      }
    });
  });
});
