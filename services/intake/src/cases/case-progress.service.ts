import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@gridwhistle/contracts';
import { CASE_STATUSES, CaseStatus, nextStatus } from './case-status';
import { timelineInsertion } from './timeline';

/** Keeps each case's public status and timeline true as the other services move it along. */
@Injectable()
export class CaseProgressService {
  /**
   * Moves cases along after other services' events, inside the inbox transaction, in one
   * statement for the whole batch: the timeline entries, and each case's status moved to the
   * furthest the batch reaches, where that is further than it is (statuses only move forward,
   * see nextStatus, so the comparison is the database's and needs no locking read first). An
   * event of a case intake does not know breaks the timeline's foreign key and fails the batch.
   */
  async record(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    const furthest = new Map<string, CaseStatus>();
    for (const event of events) {
      const before = furthest.get(event.caseId) ?? 'reported';
      furthest.set(event.caseId, nextStatus(before, event.type));
    }
    const moved = [...furthest].filter(([, status]) => status !== 'reported').sort(([a], [b]) => (a < b ? -1 : 1));
    const timeline = timelineInsertion(events, 4);
    await manager.query(
      `WITH timeline AS (${timeline.text})
       UPDATE intake.cases c SET status = moved.status, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS moved(id, status)
       WHERE c.id = moved.id AND array_position($3::text[], moved.status) > array_position($3::text[], c.status)`,
      [moved.map(([id]) => id), moved.map(([, status]) => status), CASE_STATUSES, ...timeline.values],
    );
  }
}
