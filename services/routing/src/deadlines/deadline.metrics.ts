import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { CASE_CLOCKS, SUPERVISION_LEVELS } from '@gridwhistle/contracts';
import { sharedReading } from '@gridwhistle/persistence';

/** Where a running clock stands: no warning yet, warned (due soon), or past its breach. */
const CLOCK_STATES = ['on_time', 'due_soon', 'overdue'] as const;
/** The ladder after a breach, as far as a running resolve clock has climbed: its timers' steps in order. */
const LADDER = [...SUPERVISION_LEVELS, 'register'] as const;

interface Row {
  clock: string;
  state: (typeof CLOCK_STATES)[number];
  rung: number;
  n: number;
}

/**
 * The command centre's deadline view, read at scrape time from the running clocks and their
 * fired timers (one grouped query over the partial index of running clocks): clocks by state,
 * and cases under supervision by the highest level reached. Every combination is reported, zeros
 * included, so that a panel shows "none" rather than no data.
 */
@Injectable()
export class DeadlineMetrics {
  constructor(@InjectDataSource() dataSource: DataSource, registry: Registry) {
    // One query feeds both gauges.
    const collect = sharedReading(() => read());
    const clocks = new Gauge({
      name: 'gridwhistle_deadline_clocks',
      help: 'Running deadline clocks by clock and state (on_time, due_soon, overdue)',
      labelNames: ['clock', 'state'],
      registers: [registry],
      collect,
    });
    const supervised = new Gauge({
      name: 'gridwhistle_cases_supervised',
      help: 'Cases past their resolve deadline by the supervision level reached (reminder, street, district, register)',
      labelNames: ['level'],
      registers: [registry],
      collect,
    });
    const read = async () => {
      const rows: Row[] = await dataSource.query(
        `SELECT clock, CASE WHEN rung > 0 THEN 'overdue' WHEN warned THEN 'due_soon' ELSE 'on_time' END AS state, rung, count(*)::int AS n
           FROM (SELECT c.clock,
                        coalesce(max(array_position(ARRAY['breach', 'street', 'district', 'register'], t.step)) FILTER (WHERE t.fired_at IS NOT NULL), 0) AS rung,
                        coalesce(bool_or(t.step LIKE 'warning:%' AND t.fired_at IS NOT NULL), false) AS warned
                   FROM routing.case_clocks c LEFT JOIN routing.clock_timers t ON t.clock_id = c.id
                  WHERE c.stopped_at IS NULL
                  GROUP BY c.id, c.clock) running
          GROUP BY 1, 2, 3`,
      );
      for (const clock of CASE_CLOCKS) for (const state of CLOCK_STATES) clocks.set({ clock, state }, 0);
      for (const level of LADDER) supervised.set({ level }, 0);
      for (const row of rows) {
        clocks.inc({ clock: row.clock, state: row.state }, row.n);
        // The breach of a resolve clock sends the reminder: rung 1 is the first level of supervision.
        if (row.clock === 'resolve' && row.rung > 0) supervised.inc({ level: LADDER[row.rung - 1] }, row.n);
      }
    };
  }
}
