import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@gridwhistle/contracts';
import { CaseStatus, nextStatus } from './case-status';
import { addToTimeline, timelineInsertion } from './timeline';

/** Keeps each case's public status and timeline true as the other services move it along. */
@Injectable()
export class CaseProgressService {
  /**
   * Moves cases along after other services' events, inside the inbox transaction: one locking
   * read, then the timeline entries and any status updates in one statement for the whole batch.
   */
  async record(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    const ids = [...new Set(events.map((event) => event.caseId))];
    const found: { id: string; status: CaseStatus }[] = await manager.query(
      'SELECT id, status FROM intake.cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE',
      [ids],
    );
    const statuses = new Map(found.map((c) => [c.id, c.status]));
    const unknown = ids.filter((id) => !statuses.has(id));
    if (unknown.length > 0) throw new Error(`progress for unknown case(s) ${unknown.join(', ')}`);
    const moved = new Set<string>();
    for (const event of events) {
      const before = statuses.get(event.caseId)!;
      const after = nextStatus(before, event.type);
      if (after === before) continue;
      statuses.set(event.caseId, after);
      moved.add(event.caseId);
    }
    if (moved.size === 0) return addToTimeline(manager, events);
    // The timeline entries and the new statuses in one statement.
    const timeline = timelineInsertion(events, 3);
    await manager.query(
      `WITH timeline AS (${timeline.text})
       UPDATE intake.cases c SET status = moved.status, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS moved(id, status) WHERE c.id = moved.id`,
      [[...moved], [...moved].map((id) => statuses.get(id)), ...timeline.values],
    );
  }
}
