import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiIfMatch, ETAG_HEADER, ETagInterceptor, IfMatch } from '../cases/case-version';
import { STALE } from '../cases/case-api.docs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { JointHandlingService } from './joint-handling.service';
import { AssistantReportDto, JointCaseDto } from './joint-handling.dto';

/** What an assisting unit does on a joint case (协办). */
@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ETagInterceptor)
export class JointHandlingController {
  constructor(private readonly joint: JointHandlingService) {}

  @Post(':id/assistant-report')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Report your part of a joint case to its lead (协办反馈)',
    description:
      'For a unit assisting the current dispatch round: acknowledge the case first, then report what your unit did, by the case\u2019s ' +
      '`dueAt`. Your part is then `resolved`, with the report as its resolution, and the lead sees it on its case. ' +
      'Reporting the same again answers with the case as it is.',
  })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiIfMatch()
  @ApiOkResponse({ description: 'Your unit\u2019s case, with its part reported.', type: JointCaseDto, headers: ETAG_HEADER })
  @ApiProblems({
    400: {
      description: '`id` is not a UUID, `report` is missing or too long, or the body is not JSON.',
      errors: [{ field: 'report', message: 'report must say what your unit did, in 1 to 2000 characters' }],
    },
    404: { description: 'No case with this id was dispatched to your unit.', detail: `no case ${UUID_EXAMPLE} for your department` },
    409: {
      description:
        'Your unit does not assist this case in the current round (it leads it, is copied, or was withdrawn), has not acknowledged its part yet ' +
        '(`allowedActions` says `acknowledge`), or reported another report before.',
      detail: `case ${UUID_EXAMPLE} is dispatched: acknowledge your part before reporting it`,
    },
    412: STALE,
    413: true,
    415: true,
  })
  report(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() dto: AssistantReportDto, @IfMatch() ifMatch?: string): Promise<JointCaseDto> {
    return this.joint.report(caller.code, id, dto.report, ifMatch);
  }
}
