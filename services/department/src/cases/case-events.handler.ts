import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@gridwhistle/contracts';
import { InboxContext } from '@gridwhistle/messaging';
import { DepartmentCasesService } from './department-cases.service';
import { reopenCases } from './case-reopening';

@Controller()
export class CaseEventsHandler {
  constructor(private readonly cases: DepartmentCasesService) {}

  @EventPattern('case.dispatched')
  onDispatched(@Payload() events: EventEnvelope<'case.dispatched'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.cases.receive(context.manager, events);
  }

  @EventPattern('case.reopened')
  onReopened(@Payload() events: EventEnvelope<'case.reopened'>[], @Ctx() context: InboxContext): Promise<void> {
    return reopenCases(context.manager, events);
  }

  @EventPattern('case.closed')
  onClosed(@Payload() events: EventEnvelope<'case.closed'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.cases.close(context.manager, events);
  }

  @EventPattern('case.graded')
  onGraded(@Payload() events: EventEnvelope<'case.graded'>[], @Ctx() context: InboxContext): Promise<void> {
    return this.cases.graded(context.manager, events);
  }
}
