import { centroid } from './grid.metrics';

describe('centroid', () => {
  it('is the middle of a rectangle, whichever way round it is drawn', () => {
    const ring: [number, number][] = [[108.38, 31.15], [108.383, 31.15], [108.383, 31.16], [108.38, 31.16], [108.38, 31.15]];
    for (const drawn of [ring, [...ring].reverse()]) {
      const [x, y] = centroid(drawn);
      expect(x).toBeCloseTo(108.3815, 9);
      expect(y).toBeCloseTo(31.155, 9);
    }
  });

  it('leans towards where an L-shaped polygon has its area', () => {
    const [x, y] = centroid([[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]);
    expect(x).toBeCloseTo(5 / 6, 9);
    expect(y).toBeCloseTo(5 / 6, 9);
  });
});
