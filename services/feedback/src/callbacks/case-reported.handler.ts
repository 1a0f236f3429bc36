import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { CallbacksService } from './callbacks.service';

@Controller()
export class CaseReportedHandler {
  constructor(private readonly callbacks: CallbacksService) {}

  @EventPattern('case.reported')
  onReported(@Payload() events: EventEnvelope<'case.reported'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.callbacks.rememberReporters(context.manager, events);
  }
}
