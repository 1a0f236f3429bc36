/** What one `npm run bench` measures, and how long each part runs. */
export interface BenchOptions {
  /** Open loop: cases per second, sent whatever the answers. */
  rate: number;
  /** Open loop: seconds of sending. */
  durationS: number;
  /** Saturated report → department list: cases per round, requests in flight, rounds (the median is reported). */
  cases: number;
  concurrency: number;
  rounds: number;
  /** Saturated full loop: cases, and cases in flight. */
  loopCases: number;
  loopConcurrency: number;
  /** Unmeasured cases first, to warm up Node's and the broker's JIT, pools and consumer assignments. */
  warmup: number;
  /** Seconds of each raw ceiling (pgbench; Kafka pass-through; Kafka round trips). */
  ceilingS: number;
  /** Seconds of the open loop run again at the end to watch memory; 0: no soak. */
  soakS: number;
  /** Human lines go to stderr, so that stdout is only the JSON line. */
  jsonOnly: boolean;
  /** Each service writes a V8 CPU profile of the run (node --cpu-prof) under .local/profiles/. */
  cpuProf: boolean;
}

const FULL: BenchOptions = {
  rate: 200,
  durationS: 60,
  cases: 5000,
  concurrency: 64,
  rounds: 3,
  loopCases: 2000,
  loopConcurrency: 128,
  warmup: 3000,
  ceilingS: 5,
  soakS: 0,
  jsonOnly: false,
  cpuProf: false,
};

/** `--quick`: every part, shorter, so that the whole run (with the build) stays within 90 s. */
const QUICK: Partial<BenchOptions> = { durationS: 10, cases: 1000, rounds: 1, loopCases: 200, warmup: 300, ceilingS: 2 };

const SOAK_S = 600;

type NumberOption = Exclude<keyof BenchOptions, 'jsonOnly' | 'cpuProf'>;

const NUMBERS: Record<string, NumberOption> = {
  rate: 'rate',
  duration: 'durationS',
  cases: 'cases',
  concurrency: 'concurrency',
  rounds: 'rounds',
  'loop-cases': 'loopCases',
  'loop-concurrency': 'loopConcurrency',
  warmup: 'warmup',
  'ceiling-duration': 'ceilingS',
  'soak-duration': 'soakS',
};

export const USAGE = `npm run bench -- [--quick] [--soak] [--json-only] [--cpu-prof]
  [--rate 200] [--duration 60] [--cases 5000] [--concurrency 64] [--rounds 3]
  [--loop-cases 2000] [--loop-concurrency 128] [--warmup 3000] [--ceiling-duration 5] [--soak-duration 600]`;

/** Reads `--name value` or `--name=value` flags; explicit flags win over `--quick`'s shorter defaults. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const flags = new Set<string>();
  const numbers: Partial<Record<NumberOption, number>> = {};
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].replace(/^--/, '').split('=', 2);
    if (!argv[i].startsWith('--')) throw new Error(`unexpected argument "${argv[i]}"\n${USAGE}`);
    if (['quick', 'soak', 'json-only', 'cpu-prof'].includes(name)) {
      flags.add(name);
      continue;
    }
    const key = NUMBERS[name];
    if (!key) throw new Error(`unknown flag --${name}\n${USAGE}`);
    const text = inline ?? argv[++i];
    const value = Number(text);
    if (text === undefined || text === '' || !Number.isFinite(value) || value < 0) {
      throw new Error(`--${name} needs a number of 0 or more, not "${text ?? ''}"`);
    }
    numbers[key] = value;
  }
  const options: BenchOptions = {
    ...FULL,
    ...(flags.has('quick') ? QUICK : {}),
    ...(flags.has('soak') ? { soakS: SOAK_S } : {}),
    jsonOnly: flags.has('json-only'),
    cpuProf: flags.has('cpu-prof'),
    ...numbers,
  };
  for (const key of ['rate', 'durationS', 'cases', 'concurrency', 'rounds', 'loopCases', 'loopConcurrency', 'ceilingS'] as const) {
    if (!(options[key] > 0)) throw new Error(`${key} must be more than 0`);
  }
  return options;
}
