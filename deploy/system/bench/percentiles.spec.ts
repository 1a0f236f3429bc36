import { median, percentile, percentiles } from './percentiles';

describe('percentiles', () => {
  it('takes the nearest rank: the smallest value that p of all values do not exceed', () => {
    const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1); // 1..100
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.95)).toBe(95);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
    expect(percentile(hundred, 0)).toBe(1);
  });

  it('reports a measured value, never an interpolation, for small samples', () => {
    expect(percentile([10, 20], 0.5)).toBe(10);
    expect(percentile([10, 20], 0.99)).toBe(20);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('sorts numerically, not as strings', () => {
    expect(percentiles([100, 9, 25, 3, 1000])).toEqual({ p50: 25, p95: 1000, p99: 1000 });
  });

  it('moves p99 only when more than one value in a hundred is slow', () => {
    const values = [...Array.from({ length: 99 }, () => 5), 500];
    expect(percentiles(values)).toEqual({ p50: 5, p95: 5, p99: 5 });
    const twoSlow = [...Array.from({ length: 98 }, () => 5), 500, 500];
    expect(percentiles(twoSlow)).toEqual({ p50: 5, p95: 5, p99: 500 });
  });

  it('is NaN (null in JSON) when nothing was measured', () => {
    expect(percentiles([])).toEqual({ p50: NaN, p95: NaN, p99: NaN });
    expect(JSON.stringify(percentiles([]))).toBe('{"p50":null,"p95":null,"p99":null}');
  });

  it('takes the median of rounds', () => {
    expect(median([300, 100, 200])).toBe(200);
  });
});
