/** The latency summary every figure of the benchmark reports. */
export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * Nearest-rank percentile of values sorted ascending: the smallest value that at least a
 * fraction p of all values do not exceed. Always one of the measured values, never an
 * interpolation; NaN when nothing was measured (JSON shows it as null).
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(p * sorted.length - 1e-9); // 0.95 × 100 is 95.00000000000001 in floating point
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function percentiles(values: Iterable<number>): Percentiles {
  const sorted = Float64Array.from(values).sort(); // typed arrays sort numerically
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99) };
}

export function median(values: Iterable<number>): number {
  return percentile(Float64Array.from(values).sort(), 0.5);
}
