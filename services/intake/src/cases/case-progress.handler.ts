import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { CaseProgressService } from './case-progress.service';

/** Follows a case through the other services so that its public status stays true. */
@Controller()
export class CaseProgressHandler {
  constructor(private readonly progress: CaseProgressService) {}

  @EventPattern([
    'case.triage_required',
    'case.dispatched',
    'case.acknowledged',
    'case.returned',
    'case.arbitration_required',
    'case.resolved',
    'case.graded',
    'case.reopened',
    'case.reopen_limit_reached',
    'case.closed',
  ])
  onProgress(@Payload() events: EventEnvelope[], @Ctx() context: InboxContext): Promise<void> {
    return this.progress.record(context.manager, events);
  }
}
