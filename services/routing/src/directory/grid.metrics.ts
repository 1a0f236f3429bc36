import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Directory } from './directory';
import { RunningDirectory } from './directory.store';
import { Ring } from './directory.geometry';

/** The centroid of a closed simple polygon ring of [longitude, latitude] (the directory refuses rings without area). */
export function centroid(ring: Ring): [number, number] {
  let twice = 0;
  let x = 0;
  let y = 0;
  // Relative to the first vertex: products of small numbers keep the precision that of degrees would lose.
  const [ox, oy] = ring[0];
  for (let i = 0; i < ring.length - 1; i++) {
    const [[x0, y0], [x1, y1]] = [ring[i], ring[i + 1]].map(([x, y]) => [x - ox, y - oy]);
    const cross = x0 * y1 - x1 * y0;
    twice += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  return [ox + x / (3 * twice), oy + y / (3 * twice)];
}

/**
 * An info metric (value 1) per grid of the running directory: its street and its centroid. The
 * Geomap panel joins other services' per-grid series to it on `grid` for their place on the
 * map; per-street panels join on it for the street. Its series are as many as the grids.
 */
@Injectable()
export class GridMetrics {
  constructor(@InjectDataSource() dataSource: DataSource, registry: Registry) {
    const running = new RunningDirectory();
    let shown: Directory | undefined;
    const info: Gauge = new Gauge({
      name: 'gridwhistle_grid_info',
      help: 'Each grid of the running directory, with its street and its centroid (latitude, longitude)',
      labelNames: ['grid', 'street', 'latitude', 'longitude'],
      registers: [registry],
      async collect() {
        const directory = await running.get(dataSource.manager);
        if (directory === shown) return;
        shown = directory;
        info.reset();
        for (const area of directory?.flatAreas() ?? []) {
          if (area.level !== 'grid' || !area.geometry) continue;
          const [longitude, latitude] = centroid(area.geometry.coordinates[0]);
          const street = directory!.gridAndAbove(area.code).find((a) => a.level === 'street')?.code ?? 'none';
          info.set({ grid: area.code, street, latitude: latitude.toFixed(5), longitude: longitude.toFixed(5) }, 1);
        }
      },
    });
  }
}
