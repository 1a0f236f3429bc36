import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { ReferenceService } from './reference.service';

/** Keeps intake's categories and areas as routing's directory says, version by version. */
@Controller()
export class DirectoryHandler {
  constructor(private readonly reference: ReferenceService) {}

  @EventPattern('directory.published')
  onPublished(@Payload() events: EventEnvelope<'directory.published'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.reference.apply(context.manager, events);
  }
}
