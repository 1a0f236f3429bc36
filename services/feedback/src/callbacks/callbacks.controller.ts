import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, Caller, CurrentCaller, UuidParam } from '@gridwhistle/platform';
import { CallbacksService } from './callbacks.service';
import { RecordFeedbackDto } from './record-feedback.dto';

@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post(':id/feedback')
  @HttpCode(200)
  record(
    @UuidParam('id') id: string,
    @Body() dto: RecordFeedbackDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.callbacks.record(id, dto.rating, caller.code);
  }
}
