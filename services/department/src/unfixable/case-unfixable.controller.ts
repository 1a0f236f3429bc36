import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, Caller, CurrentCaller, UUID_EXAMPLE } from '@gridwhistle/platform';
import { DepartmentCaseDto } from '../cases/department-case.dto';
import { ApiCaseId, CaseId, NOT_YOURS, STALE } from '../cases/case-api.docs';
import { ApiIfMatch, ETAG_HEADER, ETagInterceptor, IfMatch } from '../cases/case-version';
import { CannotFixDto } from './case-unfixable.dto';
import { CaseUnfixableService } from './case-unfixable.service';

@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ETagInterceptor)
export class CaseUnfixableController {
  constructor(private readonly unfixable: CaseUnfixableService) {}

  @Post(':id/cannot-fix')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a case as cannot be fixed',
    description:
      'Your unit, as the lead, acknowledged the case and finds the problem cannot be fixed: say why. The case becomes `unfixable` with outcome `cannot_fix`, ' +
      'its own outcome, never counted as fixed; the resident is told the reason and grades how the case was handled. Sending the same reason again answers with the case.',
  })
  @ApiCaseId()
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The case, closed as cannot be fixed.', type: DepartmentCaseDto, headers: ETAG_HEADER })
  @ApiProblems({
    400: { description: '`id` is not a UUID, `reason` is missing or too long, or the body is not JSON.', errors: [{ field: 'reason', message: 'reason must say why it cannot be fixed, in 1 to 2000 characters' }] },
    404: NOT_YOURS,
    409: {
      description: 'Your unit does not lead the case, has not acknowledged it, or it was resolved, closed with another reason, returned or withdrawn. `allowedActions` says what it may do.',
      detail: `case ${UUID_EXAMPLE}: it is dispatched: cannot-fix needs it acknowledged`,
    },
    412: STALE,
    413: true,
    415: true,
  })
  cannotFix(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: CannotFixDto, @IfMatch() ifMatch?: string): Promise<DepartmentCaseDto> {
    return this.unfixable.cannotFix(caller.code, id, dto.reason, ifMatch);
  }
}
