import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { EntityManager } from 'typeorm';
import { InboxContext, refuseUnknownCases } from '@gridwhistle/messaging';
import { DeadlineClocksService } from './deadline-clocks.service';

/** The handling units' and the residents' progress stops the clocks it satisfies. */
@Controller()
export class CaseProgressHandler {
  constructor(private readonly clocks: DeadlineClocksService) {}

  /** Units and residents act only on cases routing dispatched: progress on a case it lacks is wrong, not early. */
  private async known(manager: EntityManager, events: EventEnvelope[]): Promise<void> {
    const rows: { case_id: string }[] = await manager.query('SELECT case_id FROM routing.dispatches WHERE case_id = ANY($1::uuid[])', [
      [...new Set(events.map((event) => event.caseId))],
    ]);
    refuseUnknownCases(events, rows.map((row) => row.case_id), 'routing');
  }

  @EventPattern('case.acknowledged')
  onAcknowledged(@Payload() events: EventEnvelope<'case.acknowledged'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.known(context.manager, events).then(() => this.clocks.acknowledged(context.manager, events));
  }

  @EventPattern('case.resolved')
  onResolved(@Payload() events: EventEnvelope<'case.resolved'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.known(context.manager, events).then(() => this.clocks.resolved(context.manager, events));
  }

  @EventPattern('case.graded')
  onGraded(@Payload() events: EventEnvelope<'case.graded'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.known(context.manager, events).then(() => this.clocks.graded(context.manager, events));
  }

  @EventPattern('case.closed')
  onClosed(@Payload() events: EventEnvelope<'case.closed'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.known(context.manager, events).then(() => this.clocks.closed(context.manager, events));
  }
}
