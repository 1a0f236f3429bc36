/** [longitude, latitude], as GeoJSON writes positions. */
type Position = [number, number];

export interface LocatableGrid {
  code: string;
  name: string;
  geometry: { coordinates: Position[][] } | null;
}

export type Located<G> = { grid: G } | { nearest: { grid: G; metres: number }[] };

const EARTH_RADIUS_M = 6_371_000;

/**
 * The grid whose polygon holds a WGS-84 point (a point on a shared edge goes to the first grid
 * in code order); outside every grid, the nearest grids by distance to their edges.
 */
export function locateGrid<G extends LocatableGrid>(lat: number, long: number, grids: G[], nearestCount = 3): Located<G> {
  const sorted = [...grids].filter((g) => g.geometry).sort((a, b) => a.code.localeCompare(b.code));
  const holding = sorted.find((g) => contains(g.geometry!.coordinates[0], long, lat));
  if (holding) return { grid: holding };
  const nearest = sorted
    .map((grid) => ({ grid, metres: Math.round(distanceToRing(grid.geometry!.coordinates[0], long, lat)) }))
    .sort((a, b) => a.metres - b.metres)
    .slice(0, nearestCount);
  return { nearest };
}

/** Even-odd rule, with points on an edge counted in. */
function contains(ring: Position[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (distanceToSegment([x, y], ring[j], ring[i]) === 0) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Metres from a point to a ring's nearest edge, on a local equirectangular plane (grids are small). */
function distanceToRing(ring: Position[], long: number, lat: number): number {
  const scale = Math.cos((lat * Math.PI) / 180);
  const toPlane = ([x, y]: Position): Position => [x * scale, y];
  const point = toPlane([long, lat]);
  const degrees = Math.min(...ring.slice(1).map((p, i) => distanceToSegment(point, toPlane(ring[i]), toPlane(p))));
  return (degrees * Math.PI * EARTH_RADIUS_M) / 180;
}

function distanceToSegment(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}
