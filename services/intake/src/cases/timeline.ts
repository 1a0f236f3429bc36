import { EntityManager } from 'typeorm';
import { EventEnvelope, EventType, SupervisionLevel } from '@gridwhistle/contracts';
import { TimelineEntryEntity } from './timeline-entry.entity';

/**
 * The events a resident sees on the public timeline: the case's progress, and the chasing of
 * late work (催办, 督办, 挂账), extensions (延期) and pauses (挂起) on the way.
 */
export const PUBLIC_PROGRESS = [
  'case.triage_required',
  'case.dispatched',
  'case.acknowledged',
  'case.resolved',
  'case.graded',
  'case.closed',
  'case.supervised',
  'case.registered_unresolved',
  'case.extension_granted',
  'case.extension_refused',
  'case.paused',
  'case.clock_resumed',
] as const satisfies readonly EventType[];

/** Records events on their cases' public timelines, with only the details the public may see. */
export async function addToTimeline(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
  await manager.insert(
    TimelineEntryEntity,
    events.map((event) => ({
      eventId: event.id,
      caseId: event.caseId,
      type: event.type,
      occurredAt: new Date(event.occurredAt),
      details: publicDetails(event),
    })),
  );
}

function publicDetails(event: EventEnvelope): Record<string, string | number> {
  switch (event.type) {
    case 'case.triage_required':
      return { reason: (event.payload as EventEnvelope<'case.triage_required'>['payload']).reason };
    case 'case.dispatched': {
      const payload = event.payload as EventEnvelope<'case.dispatched'>['payload'];
      return { department: payload.departmentName, dueAt: payload.dueAt };
    }
    case 'case.graded':
      return { rating: (event.payload as EventEnvelope<'case.graded'>['payload']).rating };
    case 'case.supervised': {
      const payload = event.payload as EventEnvelope<'case.supervised'>['payload'];
      return { level: payload.level, dueAt: payload.dueAt };
    }
    case 'case.registered_unresolved':
      return { reviewAt: (event.payload as EventEnvelope<'case.registered_unresolved'>['payload']).reviewAt };
    case 'case.extension_granted':
      return { dueAt: (event.payload as EventEnvelope<'case.extension_granted'>['payload']).dueAt };
    case 'case.paused':
      return { pauseReason: (event.payload as EventEnvelope<'case.paused'>['payload']).reason };
    case 'case.clock_resumed': {
      const payload = event.payload as EventEnvelope<'case.clock_resumed'>['payload'];
      return { pausedMinutes: Math.round(payload.pausedMs / 60_000), ...(payload.dueAt ? { dueAt: payload.dueAt } : {}) };
    }
    default:
      return {};
  }
}

/** How far up the ladder a case is chased now; `register` once it is on the register of unresolved problems (挂账). */
export type PublicSupervision = SupervisionLevel | 'register';

/**
 * The supervision a case is under, from its timeline (oldest first): the last level reached,
 * until a new dispatch, an extension or the resolution ends it.
 */
export function supervisionOf(timeline: { type: EventType; details: Record<string, string | number> }[]): PublicSupervision | null {
  let level: PublicSupervision | null = null;
  for (const entry of timeline) {
    if (entry.type === 'case.supervised') level = entry.details.level as SupervisionLevel;
    else if (entry.type === 'case.registered_unresolved') level = 'register';
    else if (entry.type === 'case.dispatched' || entry.type === 'case.extension_granted' || entry.type === 'case.resolved') level = null;
  }
  return level;
}
