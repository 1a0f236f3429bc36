import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { ClockRequestsService } from './clock-requests.service';

/** The lead unit's requests on its clocks: extensions, pauses and resumptions, the first contact. */
@Controller()
export class ClockRequestsHandler {
  constructor(private readonly requests: ClockRequestsService) {}

  @EventPattern('case.extension_requested')
  onExtensionRequested(@Payload() events: EventEnvelope<'case.extension_requested'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.requests.extensionRequested(context.manager, events);
  }

  @EventPattern('case.paused')
  onPaused(@Payload() events: EventEnvelope<'case.paused'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.requests.paused(context.manager, events);
  }

  @EventPattern('case.resumed')
  onResumed(@Payload() events: EventEnvelope<'case.resumed'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.requests.resumed(context.manager, events);
  }

  @EventPattern('case.first_contacted')
  onFirstContacted(@Payload() events: EventEnvelope<'case.first_contacted'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.requests.firstContacted(context.manager, events);
  }
}
