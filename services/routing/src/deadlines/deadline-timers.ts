import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { Directory } from '../directory/directory';
import { RunningDirectory } from '../directory/directory.store';
import { CLOCK_COLUMNS, ClockRow, stateOf } from './case-clocks';
import { Step, after, ladderOf, scheduleOf } from './clock-schedule';
import { planTimer } from './clock-rows';
import { resumeClocks } from './clock-pauses';
import { pauseEnded } from './clock-requests.service';

interface DueTimer extends ClockRow {
  step: Step;
  fireAt: Date;
}

/**
 * Fires the timers that are due: claims them with SKIP LOCKED, marks them fired and writes their
 * events to the outbox, all in one transaction. Each fires once however many routing instances
 * poll side by side, none before its time, and one due while routing was down fires at the next poll.
 */
export class DeadlineTimers {
  private readonly directory = new RunningDirectory();

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox = new OutboxWriter('routing'),
  ) {}

  /** Fires up to `limit` timers due at `now`; returns how many fired. */
  async fireDue(now: Date, limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const directory = await this.directory.get(manager);
      if (!directory) return 0;
      const due: DueTimer[] = await manager.query(
        `SELECT t.step, t.fire_at AS "fireAt", ${CLOCK_COLUMNS}
         FROM routing.clock_timers t JOIN routing.case_clocks c ON c.id = t.clock_id
         WHERE t.fired_at IS NULL AND t.fire_at <= $1
         ORDER BY t.fire_at, c.case_id
         LIMIT $2
         FOR UPDATE OF t SKIP LOCKED`,
        [now, limit],
      );
      if (due.length === 0) return 0;
      await manager.query(
        `UPDATE routing.clock_timers t SET fired_at = $3 FROM unnest($1::bigint[], $2::text[]) AS d(clock_id, step)
         WHERE t.clock_id = d.clock_id AND t.step = d.step`,
        [due.map((d) => d.id), due.map((d) => d.step), now],
      );
      const followed = [];
      for (const timer of due) followed.push(...(await followUp(manager, directory, timer, now)));
      await this.outbox.add(manager, ...due.flatMap((timer) => eventsOf(directory, timer, now)), ...followed);
      return due.length;
    });
  }
}

/**
 * What a timer changes besides announcing itself: a pause at its bound ends (the clocks run
 * again from the bound, not from the poll), and the register plans its reviews, one after another.
 */
async function followUp(manager: EntityManager, directory: Directory, timer: DueTimer, now: Date): Promise<EventEnvelope[]> {
  const { calendar, document } = directory;
  const options = { occurredAt: now, trace: timer.traceparent ? { traceparent: timer.traceparent } : undefined };
  const unit = { caseId: timer.caseId, unitCode: timer.unitCode, round: timer.round };
  const [kind, n] = timer.step.split(':');
  const nextReview = () => after(calendar, timer.fireAt.getTime(), document.supervision.registerReview);
  switch (kind) {
    case 'resume': {
      const end = await resumeClocks(manager, directory, unit, timer.fireAt.getTime(), 'bound_reached');
      return end ? [pauseEnded(unit, end, options)] : [];
    }
    case 'register':
      await planTimer(manager, timer.id, 'review:1', nextReview());
      return [];
    case 'review': {
      const review = Number(n);
      const next = nextReview();
      await planTimer(manager, timer.id, `review:${review + 1}`, next);
      return [createEvent('case.register_review_due', timer.caseId, { unitCode: timer.unitCode, round: timer.round, review, nextReviewAt: new Date(next).toISOString() }, options)];
    }
    default:
      return [];
  }
}

/** What a timer announces: a warning, a breach (with the reminder of a resolve clock), a level of supervision, or the register. */
function eventsOf(directory: Directory, timer: DueTimer, now: Date): EventEnvelope[] {
  if (timer.step.startsWith('resume:') || timer.step.startsWith('review:')) return []; // their follow-up speaks for them
  const { calendar, document } = directory;
  // A warning can fire before a pause that holds the clock now: its deadline is then told as if the clock ran again now.
  const state = { ...stateOf(timer), pauses: timer.pauses.map((p) => ({ from: p.from, to: p.to ?? Math.max(p.from, now.getTime()) })) };
  const dueAt = scheduleOf(calendar, document.supervision, state).find((t) => t.step === 'breach')!.fireAt!;
  const ladder = ladderOf(calendar, document.supervision, dueAt)!;
  const options = { occurredAt: now, trace: timer.traceparent ? { traceparent: timer.traceparent } : undefined };
  const { caseId, unitCode, round, clock } = timer;
  const iso = (ms: number) => new Date(ms).toISOString();
  const supervisor = (locality: 'street' | 'district') => directory.localUnit(timer.gridCode, locality)?.code;
  const supervised = (level: 'reminder' | 'street' | 'district', until: number, supervisorCode?: string) =>
    createEvent('case.supervised', caseId, { level, unitCode, round, dueAt: iso(until), ...(supervisorCode ? { supervisorCode } : {}) }, options);
  switch (timer.step) {
    case 'breach': {
      const breached = createEvent('case.deadline_breached', caseId, { clock, unitCode, round, dueAt: iso(dueAt) }, options);
      return clock === 'resolve' ? [breached, supervised('reminder', ladder.reminder)] : [breached];
    }
    case 'street':
      return [supervised('street', ladder.street, supervisor('street'))];
    case 'district':
      return [supervised('district', ladder.district, supervisor('district'))];
    case 'register': {
      const reviewAt = iso(after(calendar, ladder.district, document.supervision.registerReview));
      return [createEvent('case.registered_unresolved', caseId, { unitCode, round, reviewAt }, options)];
    }
    default:
      return [createEvent('case.deadline_warning', caseId, { clock, unitCode, round, dueAt: iso(dueAt), fraction: Number(timer.step.slice('warning:'.length)) }, options)];
  }
}
