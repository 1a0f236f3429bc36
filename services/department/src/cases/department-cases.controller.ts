import { Body, Controller, Get, HttpCode, Post, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, Caller, CurrentCaller, UUID_EXAMPLE } from '@gridwhistle/platform';
import { ApiCaseId, BAD_CASE_ID, CaseId, NOT_YOURS, STALE } from './case-api.docs';
import { DepartmentCasesService } from './department-cases.service';
import { ListCasesQueryDto, ResolveCaseDto } from './case-actions.dto';
import { CasePageDto, DepartmentCaseDto } from './department-case.dto';
import { JointCaseDto } from '../joint-handling/joint-handling.dto';
import { JointHandlingService } from '../joint-handling/joint-handling.service';
import { CaseTimelineService } from '../timeline/case-timeline.service';
import { CaseViewDto } from '../timeline/case-timeline.dto';
import { ApiIfMatch, ETAG_HEADER, ETagInterceptor, IfMatch } from './case-version';

/** The department API: every route sees only the calling department's cases. */
@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ETagInterceptor)
export class DepartmentCasesController {
  constructor(
    private readonly cases: DepartmentCasesService,
    private readonly joint: JointHandlingService,
    private readonly timeline: CaseTimelineService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Your department\u2019s cases',
    description:
      'The cases dispatched to your department in the order they last changed, a page at a time: pass `next` as `after` for the next page. ' +
      'Each says your unit\u2019s role in it (lead, assistant, copied); `role`, `status`, `category` and `updatedSince` keep some of them. ' +
      'Paging never skips a case, also one whose change commits late; a case that changes again comes again, so keep `resumeAfter` to ask later for what changed since.',
  })
  @ApiOkResponse({ description: 'A page of cases.', type: CasePageDto })
  @ApiProblems({
    400: { description: 'A query parameter is not valid.', errors: [{ field: 'limit', message: 'limit must be an integer from 1 to 200' }] },
  })
  list(@CurrentCaller() caller: Caller, @Query() query: ListCasesQueryDto): Promise<CasePageDto> {
    return this.cases.list(caller.code, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One of your cases',
    description:
      'A case dispatched to your department, as it stands, with the timeline of your unit\u2019s own actions and notes, its deadlines, and the resident\u2019s rating once graded. ' +
      'The lead of a joint case also sees each assistant\u2019s part (协办反馈). The `ETag` is the case\u2019s version, for `If-Match` on an action.',
  })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The case.', type: CaseViewDto, headers: ETAG_HEADER })
  @ApiProblems({ 400: BAD_CASE_ID, 404: NOT_YOURS })
  async get(@CurrentCaller() caller: Caller, @CaseId() id: string): Promise<CaseViewDto> {
    return this.timeline.withTimeline(caller.code, await this.joint.withParts(caller.code, await this.cases.get(caller.code, id)));
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Acknowledge a case (签收, 报到)',
    description:
      'Your department takes the dispatched case on. Acknowledging it again, also after the case has moved on ' +
      '(resolved, closed), answers with the case as it is now: a retry never fails.',
  })
  @ApiCaseId()
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The case, acknowledged (or as it is now, if it has moved on).', type: DepartmentCaseDto, headers: ETAG_HEADER })
  @ApiProblems({
    400: BAD_CASE_ID,
    404: NOT_YOURS,
    409: { description: 'Your unit does not hold the case to act on it (copied, returned, withdrawn). `allowedActions` says what it may do.', detail: `case ${UUID_EXAMPLE}: it was copied to your unit for information: the units handling it act on it` },
    412: STALE,
  })
  acknowledge(@CurrentCaller() caller: Caller, @CaseId() id: string, @IfMatch() ifMatch?: string): Promise<DepartmentCaseDto> {
    return this.cases.acknowledge(caller.code, id, ifMatch);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a case (办结)',
    description:
      'Your department finished the work and says what was done, with photos of the result (`evidence`); the resident is then asked whether it was fixed. ' +
      'Resolving it again with the same resolution and evidence answers with the case as it is. A case that cannot be fixed is closed with POST /v1/cases/{id}/cannot-fix instead. Only the lead resolves; the lead of a joint case (首接负责) resolves once every assistant of the ' +
      'round has reported its part, or gives `withoutAssistantsReason`, which is recorded and shown on the case.',
  })
  @ApiCaseId()
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The case, resolved.', type: JointCaseDto, headers: ETAG_HEADER })
  @ApiProblems({
    400: {
      description: '`id` is not a UUID, `resolution` is missing or too long, `evidence` holds too many photos or a URL that is not https, or the body is not JSON.',
      errors: [{ field: 'resolution', message: 'resolution must say what was done, in 1 to 2000 characters' }],
    },
    404: NOT_YOURS,
    409: {
      description:
        'The case is not in a state to be resolved: not acknowledged yet (acknowledge it first), closed, resolved before with another resolution, ' +
        'your unit does not lead it, or assistants of a joint case have not reported (`assistantsPending` names them; ' +
        '`allowedActions` says `resolve_without_assistants`: resolve with `withoutAssistantsReason`).',
      detail: `case ${UUID_EXAMPLE}: it is dispatched: resolve needs it acknowledged`,
    },
    412: STALE,
    413: true,
    415: true,
  })
  async resolve(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: ResolveCaseDto, @IfMatch() ifMatch?: string): Promise<JointCaseDto> {
    const resolved = await this.cases.resolve(caller.code, id, dto, ifMatch, (manager, found) =>
      this.joint.requireAssistantsReported(manager, found, dto.withoutAssistantsReason),
    );
    return this.joint.withParts(caller.code, resolved);
  }
}
