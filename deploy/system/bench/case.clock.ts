import { Client } from 'pg';

/** When each case reached each stage, on the client's performance.now() timeline. */
export interface StageTimes {
  dispatched: Map<string, number>;
  listed: Map<string, number>;
}

/**
 * When cases reached their stages, read from the services' tables after the fact (as the
 * superuser), so that measuring asks nothing of the services while they work.
 *
 * With `track_commit_timestamp = on` a stage's time is the commit of the row's transaction,
 * the moment it became visible. Otherwise it is the row's own time, a little before that
 * commit: routing's `decided_at` (taken as it decides, inside its transaction) and the
 * department row's `updated_at` (its transaction's start). Postgres's clock is put on the
 * client's timeline by the round trip with the least delay, so a remote server works too.
 */
export class CaseClock {
  /** Postgres's clock minus the client's (performance.timeOrigin + performance.now()), in ms. */
  private offsetMs = 0;

  private constructor(
    private readonly db: Client,
    readonly source: 'commit' | 'transaction',
  ) {}

  static async create(db: Client): Promise<CaseClock> {
    const { rows } = await db.query(`SELECT current_setting('track_commit_timestamp') = 'on' AS on`);
    const clock = new CaseClock(db, rows[0].on ? 'commit' : 'transaction');
    await clock.calibrate();
    return clock;
  }

  async calibrate(): Promise<void> {
    let best = { roundTrip: Infinity, offset: 0 };
    for (let i = 0; i < 10; i++) {
      const sent = performance.timeOrigin + performance.now();
      const { rows } = await this.db.query('SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now');
      const received = performance.timeOrigin + performance.now();
      if (received - sent < best.roundTrip) best = { roundTrip: received - sent, offset: Number(rows[0].now) - (sent + received) / 2 };
    }
    this.offsetMs = best.offset;
  }

  async stageTimes(ids: string[]): Promise<StageTimes> {
    const [dispatched, listed] =
      this.source === 'commit' ? ['pg_xact_commit_timestamp(d.xmin)', 'pg_xact_commit_timestamp(k.xmin)'] : ['d.decided_at', 'k.updated_at'];
    const { rows } = await this.db.query<{ id: string; dispatched: string; listed: string | null }>(
      `SELECT d.case_id AS id, extract(epoch FROM ${dispatched}) * 1000 AS dispatched, extract(epoch FROM ${listed}) * 1000 AS listed
       FROM routing.dispatches d LEFT JOIN department.cases k ON k.case_id = d.case_id AND k.role = 'lead'
       WHERE d.case_id = ANY($1::uuid[])`,
      [ids],
    );
    const times: StageTimes = { dispatched: new Map(), listed: new Map() };
    for (const row of rows) {
      times.dispatched.set(row.id, this.onClientTimeline(row.dispatched));
      if (row.listed !== null) times.listed.set(row.id, this.onClientTimeline(row.listed));
    }
    return times;
  }

  /** When the last of these cases was in its department's table. */
  async lastListed(ids: string[]): Promise<number> {
    const listed = this.source === 'commit' ? 'pg_xact_commit_timestamp(xmin)' : 'updated_at';
    const { rows } = await this.db.query(
      `SELECT extract(epoch FROM max(${listed})) * 1000 AS last FROM department.cases WHERE case_id = ANY($1::uuid[]) AND role = 'lead'`,
      [ids],
    );
    return this.onClientTimeline(rows[0].last);
  }

  /** Epoch milliseconds on Postgres's clock (as pg returns numerics: text) → the client's performance.now(). */
  private onClientTimeline(serverEpochMs: string): number {
    return Number(serverEpochMs) - this.offsetMs - performance.timeOrigin;
  }
}
