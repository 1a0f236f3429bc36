import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { groupedCountGauge } from '@gridwhistle/observability';

/**
 * Cases not yet closed, by grid and public status, read at scrape time over a partial index of
 * open cases. Grids are a bounded set (the directory's); the map joins this to
 * gridwhistle_grid_info (routing) for each grid's place.
 */
@Injectable()
export class OpenCasesMetrics {
  constructor(@InjectDataSource() dataSource: DataSource, registry: Registry) {
    groupedCountGauge(
      registry,
      { name: 'gridwhistle_grid_open_cases', help: 'Cases reported and not closed, by grid and status', labelNames: ['grid', 'status'] },
      () => dataSource.query(`SELECT grid_code AS grid, status, count(*)::int AS n FROM intake.cases WHERE status <> 'closed' GROUP BY 1, 2`),
    );
  }
}
