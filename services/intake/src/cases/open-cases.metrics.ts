import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Cases not yet closed, by grid and public status, read at scrape time over a partial index of
 * open cases. Grids are a bounded set (the directory's); the map joins this to
 * gridwhistle_grid_info (routing) for each grid's place.
 */
@Injectable()
export class OpenCasesMetrics {
  constructor(@InjectDataSource() dataSource: DataSource, registry: Registry) {
    const open: Gauge = new Gauge({
      name: 'gridwhistle_grid_open_cases',
      help: 'Cases reported and not closed, by grid and status',
      labelNames: ['grid', 'status'],
      registers: [registry],
      async collect() {
        const rows: { grid: string; status: string; n: number }[] = await dataSource.query(
          `SELECT grid_code AS grid, status, count(*)::int AS n FROM intake.cases WHERE status <> 'closed' GROUP BY 1, 2`,
        );
        open.reset();
        for (const row of rows) open.set({ grid: row.grid, status: row.status }, row.n);
      },
    });
  }
}
