import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { DepartmentCasesService } from './department-cases.service';
import { ListCasesQueryDto, ResolveCaseDto } from './case-actions.dto';
import { CasePageDto, DepartmentCaseDto } from './department-case.dto';
import { JointCaseDto } from '../joint-handling/joint-handling.dto';
import { JointHandlingService } from '../joint-handling/joint-handling.service';

const CaseId = () => UuidParam('id');
const ApiCaseId = () => ApiUuidParam('id', 'The case\u2019s id.');
const BAD_CASE_ID = { description: '`id` is not a UUID.', errors: [{ field: 'id', message: 'id must be a UUID' }] };
const NOT_YOURS = {
  description: 'No case with this id was dispatched to your department (another department\u2019s case looks the same).',
  detail: `no case ${UUID_EXAMPLE} for your department`,
};

/** The department API: every route sees only the calling department's cases. */
@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
export class DepartmentCasesController {
  constructor(
    private readonly cases: DepartmentCasesService,
    private readonly joint: JointHandlingService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Your department\u2019s cases',
    description:
      'The cases dispatched to your department, oldest dispatch first, a page at a time: pass `next` as `after` for the next page. ' +
      'Each says your unit\u2019s role in it (lead, assistant, copied); `role` keeps the cases of one role.',
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
    description: 'A case dispatched to your department, as it stands. The lead of a joint case also sees each assistant\u2019s part (协办反馈).',
  })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The case.', type: JointCaseDto })
  @ApiProblems({ 400: BAD_CASE_ID, 404: NOT_YOURS })
  async get(@CurrentCaller() caller: Caller, @CaseId() id: string): Promise<JointCaseDto> {
    return this.joint.withParts(caller.code, await this.cases.get(caller.code, id));
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
  @ApiOkResponse({ description: 'The case, acknowledged (or as it is now, if it has moved on).', type: DepartmentCaseDto })
  @ApiProblems({ 400: BAD_CASE_ID, 404: NOT_YOURS })
  acknowledge(@CurrentCaller() caller: Caller, @CaseId() id: string): Promise<DepartmentCaseDto> {
    return this.cases.apply(caller.code, id, 'acknowledge');
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve a case (办结)',
    description:
      'Your department finished the work and says what was done; the resident is then asked whether it was fixed. Resolving it again with the same ' +
      'resolution answers with the case as it is. Only the lead resolves; the lead of a joint case (首接负责) resolves once every assistant of the ' +
      'round has reported its part, or gives `withoutAssistantsReason`, which is recorded and shown on the case.',
  })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The case, resolved.', type: JointCaseDto })
  @ApiProblems({
    400: {
      description: '`id` is not a UUID, `resolution` is missing or too long, or the body is not JSON.',
      errors: [{ field: 'resolution', message: 'resolution must say what was done, in 1 to 2000 characters' }],
    },
    404: NOT_YOURS,
    409: {
      description:
        'The case is not in a state to be resolved: not acknowledged yet (acknowledge it first), closed, resolved before with another resolution, ' +
        'your unit does not lead it, or assistants of a joint case have not reported (`assistantsPending` names them; ' +
        '`allowedActions` says `resolve_without_assistants`: resolve with `withoutAssistantsReason`).',
      detail: `case ${UUID_EXAMPLE} is dispatched: acknowledge the case before resolving it`,
    },
    413: true,
    415: true,
  })
  async resolve(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: ResolveCaseDto): Promise<JointCaseDto> {
    const resolved = await this.cases.apply(caller.code, id, 'resolve', dto.resolution, (manager, found) =>
      this.joint.requireAssistantsReported(manager, found, dto.withoutAssistantsReason),
    );
    return this.joint.withParts(caller.code, resolved);
  }
}
