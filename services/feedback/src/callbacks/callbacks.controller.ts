import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { CallbacksService } from './callbacks.service';
import { RecordFeedbackDto } from './record-feedback.dto';
import { FeedbackReceiptDto } from './feedback-receipt.dto';

@ApiTags('feedback')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post(':id/feedback')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the resident\u2019s answer (回访, 评单)',
    description:
      'Once a department has resolved the case, the resident is called back: was it solved, how satisfied, a comment. ' +
      'Solved and (basically) satisfied closes the case; any other answer sends it back to its lead unit (重办) with ' +
      'supervision one level higher, or past the policy\u2019s reopen limit to the command centre. ' +
      'Sending the same answer again answers as the first time did.',
  })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiOkResponse({ description: 'The rating was recorded (or had been).', type: FeedbackReceiptDto })
  @ApiProblems({
    400: {
      description: '`id` is not a UUID, `solved` is not a boolean, `rating` is not one of the ratings, or the body is not JSON.',
      errors: [{ field: 'rating', message: 'rating must be one of satisfied, basically_satisfied, unsatisfied' }],
    },
    404: {
      description: 'No resolved case with this id awaits feedback (yet: the resolution reaches this service within milliseconds).',
      detail: `no resolved case ${UUID_EXAMPLE} is awaiting feedback`,
    },
    409: { description: 'The round was answered before with another answer, or closed without one; the first stands.', detail: `case ${UUID_EXAMPLE} was already answered (solved_satisfied)` },
    413: true,
    415: true,
  })
  record(
    @UuidParam('id') id: string,
    @Body() dto: RecordFeedbackDto,
    @CurrentCaller() caller: Caller,
  ) {
    return this.callbacks.record(id, dto, caller.code);
  }
}
