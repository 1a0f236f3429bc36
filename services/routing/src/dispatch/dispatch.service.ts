import { Injectable, Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { EntityManager, In } from 'typeorm';
import { EventEnvelope, createEvent } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { CategoryRouteEntity } from './category-route.entity';
import { DispatchEntity } from './dispatch.entity';

const HOUR_MS = 3_600_000;

/** The grid whistles: each reported case goes to the department its category belongs to. */
@Injectable()
export class DispatchService {
  private readonly logger = new Logger(DispatchService.name);
  private readonly decisions: Counter;

  constructor(
    private readonly outbox: OutboxWriter,
    registry: Registry,
  ) {
    this.decisions = new Counter({
      name: 'gridwhistle_dispatch_decisions_total',
      help: 'Routing decisions by outcome and department',
      labelNames: ['outcome', 'department'],
      registers: [registry],
    });
  }

  /** Decides a batch of reported cases with one read of the routing table and one insert. */
  async dispatch(manager: EntityManager, reported: EventEnvelope<'case.reported'>[]): Promise<void> {
    const codes = [...new Set(reported.map((event) => event.payload.categoryCode))];
    const routes = new Map(
      (await manager.findBy(CategoryRouteEntity, { categoryCode: In(codes) })).map((route) => [route.categoryCode, route]),
    );
    const decidedAt = new Date();
    const decisions: DispatchEntity[] = [];
    const dispatched: EventEnvelope<'case.dispatched'>[] = [];
    for (const event of reported) {
      const { categoryCode, gridCode, description } = event.payload;
      const route = routes.get(categoryCode);
      if (!route) {
        // Kept and counted rather than dead-lettered: the case is valid, the routing table is not.
        decisions.push({ caseId: event.caseId, categoryCode, gridCode, outcome: 'unroutable', departmentCode: null, decidedAt, dueAt: null });
        this.decisions.inc({ outcome: 'unroutable', department: 'none' });
        this.logger.warn(`case ${event.caseId}: no route for category ${categoryCode}`);
        continue;
      }
      const dueAt = new Date(decidedAt.getTime() + route.deadlineHours * HOUR_MS);
      decisions.push({ caseId: event.caseId, categoryCode, gridCode, outcome: 'dispatched', departmentCode: route.departmentCode, decidedAt, dueAt });
      dispatched.push(
        createEvent(
          'case.dispatched',
          event.caseId,
          { departmentCode: route.departmentCode, departmentName: route.departmentName, categoryCode, gridCode, description, dueAt: dueAt.toISOString() },
          { trace: event.trace, occurredAt: decidedAt },
        ),
      );
      this.decisions.inc({ outcome: 'dispatched', department: route.departmentCode });
    }
    await manager.insert(DispatchEntity, decisions);
    await this.outbox.add(manager, ...dispatched);
  }
}
