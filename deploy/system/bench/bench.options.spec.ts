import { parseBenchOptions } from './bench.options';

describe('parseBenchOptions', () => {
  it('measures the issue\u2019s defaults without flags: 200 cases/s for 60 s, no soak', () => {
    expect(parseBenchOptions([])).toMatchObject({ rate: 200, durationS: 60, cases: 5000, concurrency: 64, rounds: 3, soakS: 0, jsonOnly: false });
  });

  it('shortens every part with --quick, and lets explicit flags win in either order', () => {
    const quick = parseBenchOptions(['--quick']);
    expect(quick).toMatchObject({ durationS: 10, cases: 1000, rounds: 1, rate: 200 });
    expect(parseBenchOptions(['--rate', '50', '--quick'])).toMatchObject({ rate: 50, durationS: 10 });
    expect(parseBenchOptions(['--quick', '--duration=30'])).toMatchObject({ durationS: 30, cases: 1000 });
  });

  it('soaks for 10 minutes with --soak, or as long as --soak-duration says', () => {
    expect(parseBenchOptions(['--soak']).soakS).toBe(600);
    expect(parseBenchOptions(['--soak-duration', '120']).soakS).toBe(120);
  });

  it('refuses unknown flags, stray words and values that are not numbers', () => {
    expect(() => parseBenchOptions(['--rat', '5'])).toThrow(/unknown flag --rat/);
    expect(() => parseBenchOptions(['quick'])).toThrow(/unexpected argument "quick"/);
    expect(() => parseBenchOptions(['--rate'])).toThrow(/--rate needs a number/);
    expect(() => parseBenchOptions(['--rate', 'fast'])).toThrow(/--rate needs a number/);
    expect(() => parseBenchOptions(['--rate', '0'])).toThrow(/rate must be more than 0/);
  });

  it('keeps stdout for the JSON line alone with --json-only, and profiles the services with --cpu-prof', () => {
    expect(parseBenchOptions(['--json-only', '--cpu-prof'])).toMatchObject({ jsonOnly: true, cpuProf: true });
    expect(parseBenchOptions([])).toMatchObject({ jsonOnly: false, cpuProf: false });
  });
});
