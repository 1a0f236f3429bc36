import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiIfMatch, ETAG_HEADER, ETagInterceptor, IfMatch } from '../cases/case-version';
import { STALE } from '../cases/case-api.docs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { DepartmentCaseDto } from '../cases/department-case.dto';
import { ReturnCaseDto } from './case-return.dto';
import { CaseReturnsService } from './case-returns.service';

@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ETagInterceptor)
export class CaseReturnsController {
  constructor(private readonly returns: CaseReturnsService) {}

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Return a case (退单)',
    description:
      'Your unit, as the lead of the current dispatch, gives the case back with a reason code and its basis, within the return window ' +
      '(`returnableUntil`). Routing sends it to the next unit in the dispatch catalogue, or to the street, or to the command centre ' +
      'for a ruling; your unit does not get it back unless the ruling says so. A unit designated by a ruling cannot return it. ' +
      'Returning it again with the same reason and basis answers with the case as it is.',
  })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The case, returned by your unit.', type: DepartmentCaseDto, headers: ETAG_HEADER })
  @ApiProblems({
    400: {
      description: '`id` is not a UUID, `reasonCode` is not a known reason, `basis` is missing or too long, or the body is not JSON.',
      errors: [{ field: 'basis', message: 'basis must give the grounds, in 1 to 2000 characters' }],
    },
    404: { description: 'No case with this id was dispatched to your unit.', detail: `no case ${UUID_EXAMPLE} for your department` },
    409: {
      description:
        'The case cannot be returned: your unit does not lead it, it is resolved, closed or withdrawn, the ruling designated your unit, ' +
        'the return window ended, or it was returned before with another reason or basis. `currentState` and `allowedActions` say what is left.',
      detail: `the return window of case ${UUID_EXAMPLE} ended at 2026-11-24T08:15:30.456Z: it can no longer be returned`,
    },
    412: STALE,
    413: true,
    415: true,
  })
  return(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() dto: ReturnCaseDto, @IfMatch() ifMatch?: string): Promise<DepartmentCaseDto> {
    return this.returns.return(caller.code, id, dto, undefined, ifMatch);
  }
}
