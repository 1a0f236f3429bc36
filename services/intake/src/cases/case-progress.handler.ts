import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { CasesService } from './cases.service';

/** Follows a case through the other services so that its public status stays true. */
@Controller()
export class CaseProgressHandler {
  constructor(private readonly cases: CasesService) {}

  @EventPattern(['case.dispatched', 'case.acknowledged', 'case.resolved', 'case.graded', 'case.closed'])
  onProgress(@Payload() events: EventEnvelope[], @Ctx() context: InboxContext): Promise<void> {
    return this.cases.recordProgress(context.manager, events);
  }
}
