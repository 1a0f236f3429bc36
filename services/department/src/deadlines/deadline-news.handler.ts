import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { InboxContext } from '@gridwhistle/messaging';
import { DEADLINE_NEWS, DeadlineNews } from './deadline-news';
import { DeadlineNewsService } from './deadline-news.service';

/** Routing's warnings, breaches, supervision, register and decisions on the unit's requests. */
@Controller()
export class DeadlineNewsHandler {
  constructor(private readonly news: DeadlineNewsService) {}

  @EventPattern([...DEADLINE_NEWS])
  onNews(@Payload() events: DeadlineNews[], @Ctx() context: InboxContext): Promise<void> {
    return this.news.record(context.manager, events);
  }
}
