import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { CallbacksService } from './callbacks.service';

@Controller()
export class CaseResolvedHandler {
  constructor(private readonly callbacks: CallbacksService) {}

  @EventPattern('case.resolved')
  onResolved(@Payload() events: EventEnvelope<'case.resolved'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.callbacks.awaitFeedback(context.manager, events);
  }
}
