import { randomUUID } from 'node:crypto';
import { Credentials, DirectoryFile, ServiceName } from '../setup';
import { ReportMaker, rating } from './demo.traffic';

export interface DemoOptions {
  /** Cases reported per second. */
  rate: number;
  /** Seconds of reporting; the cases in hand are then worked on until the drain ends. */
  durationS: number;
  /** Share of cases a unit acknowledges late, and how late (seconds after dispatch). */
  lateShare: number;
  lateAfterS: number;
  /** Multiplies every other wait (a unit's reaction, the work, the callback): 1 is the demo's own pace. */
  pace: number;
  /** How often each unit looks at its list, in milliseconds. */
  pollMs: number;
  /** How often a line of progress is logged, in seconds. */
  progressS: number;
}

export const DEMO_DEFAULTS: DemoOptions = { rate: 2, durationS: 300, lateShare: 0.15, lateAfterS: 60, pace: 1, pollMs: 1000, progressS: 10 };

export interface DemoStats {
  reported: number;
  acknowledged: number;
  acknowledgedLate: number;
  resolved: number;
  graded: Record<string, number>;
  /** Answers that were neither success nor a known wait (503, or feedback not yet told of the case). */
  failures: number;
}

interface UnitCase {
  id: string;
  role: 'lead' | 'assistant' | 'copied';
}

/** The stack's public HTTP APIs, as the integrations and handling units call them. */
export interface DemoTarget {
  urls: Record<ServiceName, string>;
  credentials: Credentials;
  directory: DirectoryFile;
}

export const summary = (s: DemoStats) =>
  `reported ${s.reported}, acknowledged ${s.acknowledged} (${s.acknowledgedLate} late), resolved ${s.resolved}, graded ${JSON.stringify(s.graded)}, failures ${s.failures}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A wait of `from` to `to` seconds, scaled by the pace. */
const between = (from: number, to: number, pace: number) => (from + Math.random() * (to - from)) * 1000 * pace;

/**
 * Realistic traffic through the whole loop: integrations report at `rate`; each handling unit
 * works its list (acknowledges, some late; the lead resolves); the reporting integration calls
 * the resident back and grades. Stops reporting after `durationS`, then works on until every
 * case it reported is graded, `drainS` has passed, or `signal` aborts.
 */
export async function runDemo(target: DemoTarget, options: DemoOptions, log: (line: string) => void, signal?: AbortSignal): Promise<DemoStats> {
  const stats: DemoStats = { reported: 0, acknowledged: 0, acknowledgedLate: 0, resolved: 0, graded: {}, failures: 0 };
  const reporters = new Map<string, string>(); // case id → the integration that reported it (the only one that may grade)
  const handled = new Set<string>(); // unit|case already taken in hand
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0; // steps scheduled or under way
  const keyOf = (kind: 'departments' | 'integrations', code: string) => target.credentials[kind].find((c) => c.code === code)!.apiKey;
  let stopped = false;
  signal?.addEventListener('abort', () => (stopped = true));

  const call = async (service: ServiceName, method: 'GET' | 'POST', path: string, apiKey: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${target.urls[service]}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => undefined);
    // Answers and problems are JSON; anything else (a proxy's page) is kept as text for the log.
    const text = (await response?.text()) ?? '';
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response?.status ?? 0, json };
  };
  /** Runs `work` after `ms`, counted so that the drain can wait for it; dropped when the demo stops. */
  const later = (ms: number, work: () => Promise<unknown>) => {
    pending++;
    const timer = setTimeout(() => {
      timers.delete(timer);
      void work()
        .catch((error) => failed('a step', 0, String(error)))
        .finally(() => pending--);
    }, ms);
    timers.add(timer);
  };
  const failed = (what: string, status: number, detail: unknown) => {
    stats.failures++;
    if (stats.failures <= 5) log(`${what}: ${status} ${(typeof detail === 'string' ? detail : JSON.stringify(detail)).slice(0, 200)}`);
  };

  const grade = async (id: string, attempt = 1): Promise<void> => {
    const integration = reporters.get(id)!;
    const given = rating();
    const answer = await call('feedback', 'POST', `/v1/cases/${id}/feedback`, keyOf('integrations', integration), { rating: given, solved: given !== 'unsatisfied' });
    if (answer.status === 200) stats.graded[given] = (stats.graded[given] ?? 0) + 1;
    // Feedback hears of the resolution over Kafka a moment later: a 404 until then.
    else if ([0, 404, 503].includes(answer.status) && attempt < 20) later(1000, () => grade(id, attempt + 1));
    else failed(`grading ${id}`, answer.status, answer.json);
  };
  /** The lead resolves once its assistants reported their parts; after ten tries it says why it did not wait. */
  const resolve = async (unit: string, id: string, attempt = 0): Promise<void> => {
    const body = { resolution: '已到现场处置完毕，拍照留档', ...(attempt >= 10 ? { withoutAssistantsReason: '协办单位逾期未反馈，牵头单位先行办结' } : {}) };
    const answer = await call('department', 'POST', `/v1/cases/${id}/resolve`, keyOf('departments', unit), body);
    const pending = (answer.json as { assistantsPending?: unknown[] } | undefined)?.assistantsPending?.length;
    if (answer.status === 409 && pending) return void later(1000, () => resolve(unit, id, attempt + 1));
    if (answer.status !== 200) return failed(`resolving ${id}`, answer.status, answer.json);
    stats.resolved++;
    if (reporters.has(id)) later(between(1, 6, options.pace), () => grade(id));
  };
  const acknowledge = async (unit: string, c: UnitCase, late: boolean) => {
    const answer = await call('department', 'POST', `/v1/cases/${c.id}/acknowledge`, keyOf('departments', unit));
    if (answer.status !== 200) return failed(`acknowledging ${c.id}`, answer.status, answer.json);
    stats.acknowledged++;
    if (late) stats.acknowledgedLate++;
    if (c.role === 'lead') later(between(2, 15, options.pace), () => resolve(unit, c.id));
    if (c.role === 'assistant') later(between(1, 10, options.pace), () => reportPart(unit, c.id));
  };
  /** An assistant reports its part of a joint case to the lead (协办反馈). */
  const reportPart = async (unit: string, id: string) => {
    const answer = await call('department', 'POST', `/v1/cases/${id}/assistant-report`, keyOf('departments', unit), { report: '已配合完成本单位职责范围内的处置' });
    if (answer.status !== 200) failed(`reporting ${id}`, answer.status, answer.json);
  };
  /** A unit's look at what was dispatched to it: every new case is taken in hand, some late. */
  const workList = async (unit: string) => {
    for (let after = ''; ; ) {
      const answer = await call('department', 'GET', `/v1/cases?status=dispatched&limit=200${after}`, keyOf('departments', unit));
      if (answer.status !== 200) return;
      const page = answer.json as { cases: UnitCase[]; next: string | null };
      for (const c of page.cases.filter((c) => c.role !== 'copied' && !handled.has(`${unit}|${c.id}`))) {
        handled.add(`${unit}|${c.id}`);
        const late = Math.random() < options.lateShare;
        later(late ? options.lateAfterS * 1000 : between(1, 8, options.pace), () => acknowledge(unit, c, late));
      }
      if (!page.next) return;
      after = `&after=${page.next}`;
    }
  };

  const reports = new ReportMaker(target.directory);
  const report = async () => {
    const { integration, body } = reports.next();
    const answer = await call('intake', 'POST', '/v1/cases', keyOf('integrations', integration), body, { 'idempotency-key': randomUUID() });
    if (answer.status !== 201) return failed('reporting', answer.status, answer.json);
    stats.reported++;
    reporters.set((answer.json as { id: string }).id, integration);
  };

  const progress = setInterval(() => log(summary(stats)), options.progressS * 1000);
  const units = target.credentials.departments.map((d) => d.code);
  const polling = (async () => {
    while (!stopped) {
      await Promise.all(units.map(workList));
      await sleep(options.pollMs);
    }
  })();

  // Open loop: reports leave on schedule whatever the answers, as calls come in.
  const started = Date.now();
  for (let n = 0; !stopped && Date.now() - started < options.durationS * 1000; n++) {
    await sleep(Math.max(0, started + (n * 1000) / options.rate - Date.now()));
    later(0, report);
  }
  const drainUntil = Date.now() + (options.lateAfterS + 60 * options.pace) * 1000;
  const graded = () => Object.values(stats.graded).reduce((sum, n) => sum + n, 0);
  while (!stopped && Date.now() < drainUntil && (graded() < reporters.size || pending > 0)) await sleep(200);
  stopped = true;
  timers.forEach(clearTimeout);
  clearInterval(progress);
  await polling;
  return stats;
}
