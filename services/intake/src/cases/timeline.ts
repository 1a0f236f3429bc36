import { EntityManager } from 'typeorm';
import { CaseDispatchedV3, CaseResolvedV2, EventEnvelope } from '@gridwhistle/contracts';
import { TimelineEntryEntity } from './timeline-entry.entity';

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

function publicDetails(event: EventEnvelope): Record<string, string> {
  switch (event.type) {
    case 'case.triage_required':
      return { reason: (event.payload as EventEnvelope<'case.triage_required'>['payload']).reason };
    case 'case.dispatched': {
      const payload = event.payload as EventEnvelope<'case.dispatched'>['payload'];
      // A later round is a re-route: after a return, a manual dispatch or a ruling.
      const round = event.version >= 3 ? (payload as CaseDispatchedV3).round : 1;
      return { department: payload.departmentName, dueAt: payload.dueAt, ...(round > 1 ? { round: String(round) } : {}) };
    }
    case 'case.returned': {
      const { unitCode, reasonCode } = event.payload as EventEnvelope<'case.returned'>['payload'];
      return { unit: unitCode, reason: reasonCode };
    }
    case 'case.arbitration_required':
      return { reason: (event.payload as EventEnvelope<'case.arbitration_required'>['payload']).reason };
    case 'case.diverted': {
      const { diversion, emergencyNumber } = event.payload as EventEnvelope<'case.diverted'>['payload'];
      return { diversion, ...(emergencyNumber ? { emergencyNumber } : {}) };
    }
    case 'case.resolved': {
      // The photos of the result show the place, not the requester; the resolution text stays unpublished as before.
      if (event.version < 2) return { outcome: 'fixed' };
      const { outcome, evidence } = event.payload as CaseResolvedV2;
      return { outcome, ...(evidence.length > 0 ? { evidence: evidence.map((photo) => photo.url).join(' ') } : {}) };
    }
    case 'case.graded':
      return { rating: (event.payload as EventEnvelope<'case.graded'>['payload']).rating };
    default:
      return {};
  }
}
