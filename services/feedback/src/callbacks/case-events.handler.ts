import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { CallbacksService } from './callbacks.service';

/** What feedback hears of a case: who reported it (to know who may grade it), and its resolution. */
@Controller()
export class CaseEventsHandler {
  constructor(private readonly callbacks: CallbacksService) {}

  @EventPattern('case.reported')
  onReported(@Payload() events: EventEnvelope<'case.reported'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.callbacks.rememberReporters(context.manager, events);
  }

  @EventPattern('case.resolved')
  onResolved(@Payload() events: EventEnvelope<'case.resolved'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.callbacks.awaitFeedback(context.manager, events);
  }
}
