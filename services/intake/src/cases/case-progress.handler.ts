import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { CaseProgressService } from './case-progress.service';
import { PUBLIC_PROGRESS } from './timeline';

/** Follows a case through the other services so that its public status stays true. */
@Controller()
export class CaseProgressHandler {
  constructor(private readonly progress: CaseProgressService) {}

  @EventPattern([...PUBLIC_PROGRESS])
  onProgress(@Payload() events: EventEnvelope[], @Ctx() context: InboxContext): Promise<void> {
    return this.progress.record(context.manager, events);
  }
}
