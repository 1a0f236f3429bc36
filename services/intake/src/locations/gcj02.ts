/**
 * GCJ-02, the obfuscated datum Chinese map apps (Amap, Tencent, …) give coordinates in, and
 * WGS-84, what GPS gives and what grids are drawn in. The forward transform is the published
 * one (Krasovsky ellipsoid constants); it has no closed inverse, so WGS-84 is found by fixed-point
 * iteration. Outside China GCJ-02 is WGS-84 itself.
 */
export interface LatLong {
  lat: number;
  long: number;
}

const A = 6378245.0;
const EE = 0.00669342162296594323;
/** The bounding box in which the transform applies (the one every published implementation uses). */
const CHINA = { minLong: 72.004, maxLong: 137.8347, minLat: 0.8293, maxLat: 55.8271 };
/** About a millimetre: the inverse stops once the forward transform lands this close. */
const TOLERANCE_DEG = 1e-8;
const MAX_ITERATIONS = 30;

export function outOfChina({ lat, long }: LatLong): boolean {
  return long < CHINA.minLong || long > CHINA.maxLong || lat < CHINA.minLat || lat > CHINA.maxLat;
}

export function wgs84ToGcj02(point: LatLong): LatLong {
  if (outOfChina(point)) return point;
  const { dLat, dLong } = offset(point);
  return { lat: point.lat + dLat, long: point.long + dLong };
}

export function gcj02ToWgs84(point: LatLong): LatLong {
  if (outOfChina(point)) return point;
  let guess = point;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const shifted = wgs84ToGcj02(guess);
    const [errLat, errLong] = [shifted.lat - point.lat, shifted.long - point.long];
    if (Math.abs(errLat) < TOLERANCE_DEG && Math.abs(errLong) < TOLERANCE_DEG) break;
    guess = { lat: guess.lat - errLat, long: guess.long - errLong };
  }
  return guess;
}

function offset({ lat, long }: LatLong): { dLat: number; dLong: number } {
  const [x, y] = [long - 105.0, lat - 35.0];
  const radLat = (lat / 180.0) * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  return {
    dLat: (shiftLat(x, y) * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    dLong: (shiftLong(x, y) * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

/** The shared wave term of both shifts. */
function waves(x: number): number {
  return ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
}

function shiftLat(x: number, y: number): number {
  return (
    -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x)) +
    waves(x) +
    ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0 +
    ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0
  );
}

function shiftLong(x: number, y: number): number {
  return (
    300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x)) +
    waves(x) +
    ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0 +
    ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0
  );
}

const EARTH_RADIUS_M = 6_371_000;

/** Great-circle distance in metres (haversine). */
export function metresBetween(a: LatLong, b: LatLong): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.long - a.long) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
