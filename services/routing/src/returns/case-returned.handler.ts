import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { ReturnsService } from './returns.service';

@Controller()
export class CaseReturnedHandler {
  constructor(private readonly returns: ReturnsService) {}

  @EventPattern('case.returned')
  onReturned(@Payload() events: EventEnvelope<'case.returned'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.returns.reroute(context.manager, events);
  }
}
