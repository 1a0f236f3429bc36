import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { applyDirectory } from './units.read-model';

/** Keeps the department service's handling units as routing's directory says, version by version. */
@Controller()
export class DirectoryHandler {
  @EventPattern('directory.published')
  onPublished(@Payload() events: EventEnvelope<'directory.published'>[], @Ctx() context: InboxContext): Promise<void> {
    return applyDirectory(context.manager, events);
  }
}
