import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { DeadlineClocksService } from './deadline-clocks.service';

/** The handling units' and the residents' progress stops the clocks it satisfies. */
@Controller()
export class CaseProgressHandler {
  constructor(private readonly clocks: DeadlineClocksService) {}

  @EventPattern('case.acknowledged')
  onAcknowledged(@Payload() events: EventEnvelope<'case.acknowledged'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.clocks.acknowledged(context.manager, events);
  }

  @EventPattern('case.resolved')
  onResolved(@Payload() events: EventEnvelope<'case.resolved'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.clocks.resolved(context.manager, events);
  }

  @EventPattern('case.graded')
  onGraded(@Payload() events: EventEnvelope<'case.graded'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.clocks.graded(context.manager, events);
  }

  @EventPattern('case.closed')
  onClosed(@Payload() events: EventEnvelope<'case.closed'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.clocks.closed(context.manager, events);
  }
}
