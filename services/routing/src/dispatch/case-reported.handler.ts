import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { DispatchService } from './dispatch.service';

@Controller()
export class CaseReportedHandler {
  constructor(private readonly dispatch: DispatchService) {}

  @EventPattern('case.reported')
  onReported(@Payload() events: EventEnvelope<'case.reported'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.dispatch.dispatch(context.manager, events);
  }
}
