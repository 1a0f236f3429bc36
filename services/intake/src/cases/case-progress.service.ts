import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { EventEnvelope } from '@gridwhistle/contracts';
import { refuseUnknownCases } from '@gridwhistle/messaging';
import { CaseEntity } from './case.entity';
import { CaseProgress, nextProgress } from './case-status';
import { addToTimeline } from './timeline';

/** Keeps each case's public status and timeline true as the other services move it along. */
@Injectable()
export class CaseProgressService {
  /**
   * Moves cases along after other services' events, inside the inbox transaction: one locking
   * read, one timeline insert and at most one status update for the whole batch.
   */
  async record(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    const ids = [...new Set(events.map((event) => event.caseId))];
    const found = await manager.find(CaseEntity, {
      select: { id: true, status: true, round: true },
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const statuses = new Map<string, CaseProgress>(found.map((c) => [c.id, { status: c.status, round: c.round }]));
    // Intake records a case before anyone hears of it: progress on a case it lacks is wrong, not early.
    refuseUnknownCases(events, statuses.keys(), 'intake');
    const moved = new Set<string>();
    for (const event of events) {
      const before = statuses.get(event.caseId)!;
      const after = nextProgress(before, event);
      if (after.status === before.status && after.round === before.round) continue;
      statuses.set(event.caseId, after);
      moved.add(event.caseId);
    }
    await addToTimeline(manager, events);
    if (moved.size === 0) return;
    await manager.query(
      `UPDATE intake.cases c SET status = moved.status, round = moved.round, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::int[]) AS moved(id, status, round) WHERE c.id = moved.id`,
      [[...moved], [...moved].map((id) => statuses.get(id)!.status), [...moved].map((id) => statuses.get(id)!.round)],
    );
  }
}
