import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { RunningDirectory } from '../directory/directory.store';
import { stateOf, stopClocks } from './case-clocks';
import { dueOf, lockRunning } from './clock-rows';
import { PauseEnd, UnitRound, pauseClocks, resumeClocks } from './clock-pauses';
import { extendClock, grantedByPolicy, recordExtension } from './clock-extensions';
import { extensionOutcome } from './extension-policy';

const optionsOf = (event: EventEnvelope, at = new Date()) => ({ occurredAt: at, trace: event.trace });

/** How a pause ended, as the event that tells the department and the resident. */
export function pauseEnded(unit: UnitRound, end: PauseEnd, options: Parameters<typeof createEvent>[3]) {
  return createEvent('case.clock_resumed', unit.caseId, { unitCode: unit.unitCode, round: unit.round, ...end }, options);
}

/**
 * The lead unit's requests on its clocks, decided in the inbox transaction: extensions by the
 * policy (or referred to the command centre), pauses within the policy's bounds, resumptions,
 * and the first contact that stops its clock. Requests are rare and human: one at a time.
 */
@Injectable()
export class ClockRequestsService {
  private readonly directory = new RunningDirectory();

  constructor(private readonly outbox: OutboxWriter) {}

  async extensionRequested(manager: EntityManager, events: EventEnvelope<'case.extension_requested'>[]): Promise<void> {
    const directory = await this.directory.get(manager);
    if (!directory) throw new Error('no directory yet: extension requests wait for it');
    for (const event of events) {
      const { unitCode, round, reason, until } = event.payload;
      const unit = { unitCode, round };
      const refuse = (why: string) => createEvent('case.extension_refused', event.caseId, { ...unit, decidedBy: 'policy', reason: why }, optionsOf(event));
      const [clock] = await lockRunning(manager, event.caseId, unitCode, round, ['resolve']);
      if (!clock) {
        await this.outbox.add(manager, refuse('the resolve clock of this round no longer runs'));
        continue;
      }
      const requestedAt = new Date(event.occurredAt);
      const [pending] = await manager.query(`SELECT 1 FROM routing.clock_extensions WHERE clock_id = $1 AND state = 'pending'`, [clock.id]);
      const decided = pending
        ? ({ outcome: 'refuse', reason: 'an earlier request still waits for the command centre' } as const)
        : extensionOutcome(directory.calendar, directory.document.supervision, stateOf(clock), await grantedByPolicy(manager, clock.id), requestedAt.getTime(), Date.parse(until));
      const state = decided.outcome === 'grant' ? 'granted' : decided.outcome === 'refer' ? 'pending' : 'refused';
      await recordExtension(manager, {
        clockId: clock.id,
        caseId: event.caseId,
        ...unit,
        until: new Date(until),
        reason,
        state,
        decidedBy: state === 'pending' ? null : 'policy',
        operatorCode: null,
        decisionReason: decided.outcome === 'refuse' ? decided.reason : null,
        requestedAt,
        decidedAt: state === 'pending' ? null : new Date(),
      });
      if (decided.outcome === 'refuse') {
        await this.outbox.add(manager, refuse(decided.reason));
      } else if (decided.outcome === 'refer') {
        await this.outbox.add(manager, createEvent('case.extension_referred', event.caseId, { ...unit, until }, optionsOf(event)));
      } else {
        await extendClock(manager, directory, clock, Date.parse(until));
        const dueAt = new Date(dueOf(directory, clock)!).toISOString();
        await this.outbox.add(manager, createEvent('case.extension_granted', event.caseId, { ...unit, dueAt, decidedBy: 'policy' }, optionsOf(event)));
      }
    }
  }

  async paused(manager: EntityManager, events: EventEnvelope<'case.paused'>[]): Promise<void> {
    const directory = await this.directory.get(manager);
    if (!directory) throw new Error('no directory yet: pauses wait for it');
    for (const event of events) {
      const unit = { caseId: event.caseId, unitCode: event.payload.unitCode, round: event.payload.round };
      const refused = await pauseClocks(manager, directory, unit, Date.parse(event.occurredAt));
      if (refused) await this.outbox.add(manager, pauseEnded(unit, refused, optionsOf(event)));
    }
  }

  async resumed(manager: EntityManager, events: EventEnvelope<'case.resumed'>[]): Promise<void> {
    const directory = await this.directory.get(manager);
    if (!directory) throw new Error('no directory yet: resumptions wait for it');
    for (const event of events) {
      const unit = { caseId: event.caseId, unitCode: event.payload.unitCode, round: event.payload.round };
      const end = await resumeClocks(manager, directory, unit, Date.parse(event.occurredAt), 'resumed');
      if (end) await this.outbox.add(manager, pauseEnded(unit, end, optionsOf(event)));
    }
  }

  /** The first contact stops the first-contact clock at the time the unit says it happened. */
  async firstContacted(manager: EntityManager, events: EventEnvelope<'case.first_contacted'>[]): Promise<void> {
    await stopClocks(
      manager,
      events.map((e) => ({ caseId: e.caseId, unitCode: e.payload.unitCode, clocks: ['first_contact'], reason: 'contacted', at: new Date(e.payload.contactedAt) })),
    );
  }
}
