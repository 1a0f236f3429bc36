import { Injectable, Logger } from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { EntityManager } from 'typeorm';
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

  async dispatch(manager: EntityManager, event: EventEnvelope<'case.reported'>): Promise<void> {
    const { categoryCode, gridCode, description } = event.payload;
    const route = await manager.findOneBy(CategoryRouteEntity, { categoryCode });
    const decidedAt = new Date();
    if (!route) {
      // Kept and counted rather than dead-lettered: the case is valid, the routing table is not.
      await manager.insert(DispatchEntity, { caseId: event.caseId, categoryCode, gridCode, outcome: 'unroutable', departmentCode: null, decidedAt, dueAt: null });
      this.decisions.inc({ outcome: 'unroutable', department: 'none' });
      this.logger.warn(`case ${event.caseId}: no route for category ${categoryCode}`);
      return;
    }
    const dueAt = new Date(decidedAt.getTime() + route.deadlineHours * HOUR_MS);
    await manager.insert(DispatchEntity, {
      caseId: event.caseId,
      categoryCode,
      gridCode,
      outcome: 'dispatched',
      departmentCode: route.departmentCode,
      decidedAt,
      dueAt,
    });
    await this.outbox.add(
      manager,
      createEvent(
        'case.dispatched',
        event.caseId,
        {
          departmentCode: route.departmentCode,
          departmentName: route.departmentName,
          categoryCode,
          gridCode,
          description,
          dueAt: dueAt.toISOString(),
        },
        { trace: event.trace, occurredAt: decidedAt },
      ),
    );
    this.decisions.inc({ outcome: 'dispatched', department: route.departmentCode });
  }
}
