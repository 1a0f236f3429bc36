import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CREDENTIALS_FILE, Credentials, SERVICES, ServiceName, loadSampleCity } from '../setup';
import { DEFAULT_PORTS } from '../services';
import { DEMO_DEFAULTS, DemoOptions, runDemo, summary } from './demo.loop';

const log = (line: string) => console.log(`[demo] ${line}`);

const USAGE = 'npm run demo -- [--rate 2] [--duration 300] [--late-share 0.15] [--late-after 60]';

/** The flags, each a number of 0 or more (rate and duration more than 0). */
export function parseDemoOptions(argv: string[]): DemoOptions {
  const flags = { rate: 'rate', duration: 'durationS', 'late-share': 'lateShare', 'late-after': 'lateAfterS' } as const;
  const { values } = parseArgs({ args: argv, options: Object.fromEntries(Object.keys(flags).map((f) => [f, { type: 'string' }])), strict: true });
  const options = { ...DEMO_DEFAULTS };
  for (const [flag, key] of Object.entries(flags)) {
    const text = values[flag] as string | undefined;
    if (text === undefined) continue;
    const value = Number(text);
    if (text === '' || !Number.isFinite(value) || value < 0) throw new Error(`--${flag} needs a number of 0 or more, not "${text}"\n${USAGE}`);
    options[key] = value;
  }
  if (!(options.rate > 0 && options.durationS > 0)) throw new Error(`--rate and --duration must be more than 0\n${USAGE}`);
  if (options.lateShare > 1) throw new Error('--late-share is a share of cases, from 0 to 1');
  return options;
}

/**
 * `npm run demo`: traffic into the stack `npm start` (or docker compose) runs, on the ports it
 * prints, with the API keys setup wrote to .local/credentials.json. Ctrl-C stops it.
 */
async function main(): Promise<void> {
  const options = parseDemoOptions(process.argv.slice(2));
  if (!existsSync(CREDENTIALS_FILE)) throw new Error(`${relative(process.cwd(), CREDENTIALS_FILE)} is missing: start the stack first (npm start)`);
  const credentials: Credentials = JSON.parse(readFileSync(CREDENTIALS_FILE, 'utf8'));
  const urls = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${DEFAULT_PORTS[s]}`])) as Record<ServiceName, string>;
  const aborted = new AbortController();
  process.on('SIGINT', () => aborted.abort());
  log(`${options.rate} cases/s for ${options.durationS} s into ${urls.intake}; ${options.lateShare * 100}% acknowledged ${options.lateAfterS} s late`);
  const stats = await runDemo({ urls, credentials, directory: loadSampleCity().directory }, options, log, aborted.signal);
  log(`done: ${summary(stats)}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[demo] ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
