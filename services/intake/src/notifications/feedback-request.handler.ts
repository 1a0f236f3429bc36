import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { ResidentMessagesSender } from './resident-messages.sender';

/** Feedback asks for a resident's link; intake keeps the request and sends it (ResidentMessagesSender). */
@Controller()
export class FeedbackRequestHandler {
  @EventPattern('case.feedback_requested')
  onRequested(@Payload() events: EventEnvelope<'case.feedback_requested'>[], @Ctx() context: InboxContext): Promise<void> {
    return ResidentMessagesSender.keep(context.manager, events);
  }
}
