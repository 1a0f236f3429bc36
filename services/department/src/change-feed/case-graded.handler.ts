import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { ChangeFeedWriter } from './change-feed.writer';

/** Tells the units holding a case how the resident graded its handling; nothing else changes here. */
@Controller()
export class CaseGradedHandler {
  constructor(private readonly feed: ChangeFeedWriter) {}

  @EventPattern('case.graded')
  onGraded(@Payload() events: EventEnvelope<'case.graded'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.feed.recordForHolders(
      context.manager,
      events.map((event) => ({ type: 'graded', caseId: event.caseId, occurredAt: event.occurredAt, data: { rating: event.payload.rating } })),
    );
  }
}
