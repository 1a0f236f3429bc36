import fc from 'fast-check';
import { LatLong, gcj02ToWgs84, metresBetween, outOfChina, wgs84ToGcj02 } from './gcj02';

/** Mainland China's bounding box, inside the transform's own box by more than any shift. */
const inChina = fc.record({ lat: fc.double({ min: 18.0, max: 53.5, noNaN: true }), long: fc.double({ min: 73.5, max: 134.8, noNaN: true }) });
const outside = fc.oneof(
  fc.record({ lat: fc.double({ min: -89, max: 0.8, noNaN: true }), long: fc.double({ min: -179, max: 179, noNaN: true }) }),
  fc.record({ lat: fc.double({ min: -89, max: 89, noNaN: true }), long: fc.double({ min: 137.9, max: 179, noNaN: true }) }),
  fc.record({ lat: fc.double({ min: -89, max: 89, noNaN: true }), long: fc.double({ min: -179, max: 72, noNaN: true }) }),
);

describe('GCJ-02 and WGS-84', () => {
  it('round-trips any point in China within a metre', () => {
    fc.assert(fc.property(inChina, (wgs: LatLong) => metresBetween(gcj02ToWgs84(wgs84ToGcj02(wgs)), wgs) < 1), { numRuns: 2000 });
  });

  it('shifts points in China by tens to hundreds of metres, as the map apps do', () => {
    fc.assert(fc.property(inChina, (wgs: LatLong) => {
      const shift = metresBetween(wgs84ToGcj02(wgs), wgs);
      return shift > 1 && shift < 1200;
    }));
  });

  it('leaves points outside China as they are, both ways', () => {
    fc.assert(fc.property(outside, (point: LatLong) => {
      expect(outOfChina(point)).toBe(true);
      expect(wgs84ToGcj02(point)).toEqual(point);
      expect(gcj02ToWgs84(point)).toEqual(point);
    }));
  });

  it('matches the published transform at a known point (Tiananmen, WGS-84 → GCJ-02)', () => {
    // Values from the reference implementation (eviltransform / coordtransform).
    const gcj = wgs84ToGcj02({ lat: 39.90734, long: 116.39089 });
    expect(gcj.lat).toBeCloseTo(39.90874, 4);
    expect(gcj.long).toBeCloseTo(116.39713, 4);
  });
});
