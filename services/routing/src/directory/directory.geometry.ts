/** Plane geometry of the grids' polygons (small areas: longitude/latitude as plane coordinates). */
export type Position = [number, number];
export type Ring = Position[];

const EPSILON = 1e-12;

/** Shoelace area of a closed ring, always positive. */
export function ringArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i++) twice += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return Math.abs(twice) / 2;
}

const cross = (o: Position, a: Position, b: Position) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Whether two segments cross at a point inside both (touching or overlapping edges do not count). */
function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > EPSILON && d2 < -EPSILON) || (d1 < -EPSILON && d2 > EPSILON)) && ((d3 > EPSILON && d4 < -EPSILON) || (d3 < -EPSILON && d4 > EPSILON));
}

function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    Math.abs(cross(a, b, p)) <= EPSILON &&
    p[0] >= Math.min(a[0], b[0]) - EPSILON &&
    p[0] <= Math.max(a[0], b[0]) + EPSILON &&
    p[1] >= Math.min(a[1], b[1]) - EPSILON &&
    p[1] <= Math.max(a[1], b[1]) + EPSILON
  );
}

/** 'inside', 'boundary' or 'outside' of a closed ring (ray casting). */
export function locate(point: Position, ring: Ring): 'inside' | 'boundary' | 'outside' {
  let inside = false;
  for (let i = 0; i < ring.length - 1; i++) {
    const [a, b] = [ring[i], ring[i + 1]];
    if (onSegment(point, a, b)) return 'boundary';
    if (a[1] > point[1] !== b[1] > point[1] && point[0] < ((b[0] - a[0]) * (point[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? 'inside' : 'outside';
}

const midpoints = (ring: Ring): Position[] =>
  ring.slice(0, -1).map((p, i) => [(p[0] + ring[i + 1][0]) / 2, (p[1] + ring[i + 1][1]) / 2]);

/** Whether two simple polygons share some area (sharing edges or corners only is no overlap). */
export function overlap(a: Ring, b: Ring): boolean {
  for (let i = 0; i < a.length - 1; i++) {
    for (let j = 0; j < b.length - 1; j++) if (segmentsCross(a[i], a[i + 1], b[j], b[j + 1])) return true;
  }
  const probes = (ring: Ring) => [...ring.slice(0, -1), ...midpoints(ring), ...justInside(ring)];
  return probes(a).some((p) => locate(p, b) === 'inside') || probes(b).some((p) => locate(p, a) === 'inside');
}

/** Whether every vertex and edge midpoint of `inner` lies within `outer` (inside or on its boundary). */
export function within(inner: Ring, outer: Ring): boolean {
  return [...inner, ...midpoints(inner)].every((p) => locate(p, outer) !== 'outside');
}

/** Whether a ring is closed, has at least three corners and no edge crosses another. */
export function simpleRingProblem(ring: Ring): string | undefined {
  if (!Array.isArray(ring) || ring.length < 4) return 'a ring needs at least 4 positions';
  if (!ring.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite))) return 'every position is [longitude, latitude]';
  const [first, last] = [ring[0], ring[ring.length - 1]];
  if (first[0] !== last[0] || first[1] !== last[1]) return 'the ring is not closed (first and last positions differ)';
  if (ringArea(ring) <= EPSILON) return 'the polygon has no area';
  for (let i = 0; i < ring.length - 1; i++) {
    for (let j = i + 1; j < ring.length - 1; j++) if (segmentsCross(ring[i], ring[i + 1], ring[j], ring[j + 1])) return 'the ring crosses itself';
  }
  return undefined;
}

/** A point a hair inside each edge's midpoint: finds polygons that coincide or share an edge from the same side. */
function justInside(ring: Ring): Position[] {
  const signed = ring.slice(0, -1).reduce((s, p, i) => s + p[0] * ring[i + 1][1] - ring[i + 1][0] * p[1], 0);
  const side = signed > 0 ? 1 : -1;
  return ring.slice(0, -1).flatMap((p, i) => {
    const q = ring[i + 1];
    const length = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (length === 0) return [];
    const h = length * 1e-6;
    const probe: Position = [(p[0] + q[0]) / 2 - (side * h * (q[1] - p[1])) / length, (p[1] + q[1]) / 2 + (side * h * (q[0] - p[0])) / length];
    return locate(probe, ring) === 'inside' ? [probe] : [];
  });
}
