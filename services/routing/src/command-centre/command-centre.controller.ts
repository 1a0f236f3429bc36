import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, ProblemDoc, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { ArbitrateCaseDto, AuditDto, AuditQueryDto, CommandCentreDecisionDto, ManualDispatchDto, QueueDto, QueueQueryDto } from './command-centre.dto';
import { CommandCentreService } from './command-centre.service';

const BAD_BODY: ProblemDoc = {
  description: '`id` is not a UUID, a unit code is malformed, `reason` is missing or too long, or the body is not JSON.',
  errors: [{ field: 'reason', message: 'reason must say why, in 1 to 2000 characters' }],
};
const NO_CASE: ProblemDoc = { description: 'Routing has no such case.', detail: `routing has no case ${UUID_EXAMPLE}` };
const REFUSED: ProblemDoc = {
  slug: 'unprocessable-entity',
  description:
    'The units named break the directory: a unit it does not have, a community given a matter on the negative list (负面清单) or off its own list, ' +
    'or a unit that returned the case without a ruling.',
  detail: 'illegal_construction is on the negative list (负面清单): it cannot be given to pingqiao_community',
};
const conflict = (state: string): ProblemDoc => ({
  description: `The case is not ${state}: \`currentState\` and \`allowedActions\` say what it allows.`,
  detail: `case ${UUID_EXAMPLE} is dispatched: it cannot be arbitrated`,
});

/** The command centre (指挥中心): operators only, each action audited with who, when, why and what. */
@ApiTags('command-centre')
@ApiKeyAuth()
@Controller('v1/command-centre')
@UseGuards(ApiKeyGuard)
export class CommandCentreController {
  constructor(private readonly centre: CommandCentreService) {}

  @Get('queue')
  @ApiOperation({
    summary: 'Cases waiting for the command centre',
    description: 'Cases awaiting a manual dispatch (no rule routes them) or a ruling (returned too often, disputed, or no unit left), oldest first, with why and who returned them.',
  })
  @ApiOkResponse({ description: 'The queue.', type: QueueDto })
  @ApiProblems({ 400: { description: '`limit` is not valid.', errors: [{ field: 'limit', message: 'limit must be an integer from 1 to 500' }] } })
  queue(@Query() query: QueueQueryDto): Promise<QueueDto> {
    return this.centre.queue(query.limit);
  }

  @Post('cases/:id/dispatch')
  @HttpCode(200)
  @ApiOperation({ summary: 'Dispatch a case by hand (人工分拨)', description: 'For a case awaiting triage: the lead, any assistants, and why.' })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiOkResponse({ description: 'The decision, put into effect.', type: CommandCentreDecisionDto })
  @ApiProblems({ 400: BAD_BODY, 404: NO_CASE, 409: conflict('awaiting triage'), 413: true, 415: true, 422: REFUSED })
  dispatch(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() dto: ManualDispatchDto): Promise<CommandCentreDecisionDto> {
    return this.centre.dispatch(caller.code, id, dto);
  }

  @Post('cases/:id/arbitrate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rule on a case (争议裁定)',
    description:
      'For a case awaiting arbitration: the designated unit leads it and can no longer return it, even if it returned it before. ' +
      'A proposed catalogue change is kept for the directory\u2019s next version.',
  })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiOkResponse({ description: 'The ruling, put into effect.', type: CommandCentreDecisionDto })
  @ApiProblems({ 400: BAD_BODY, 404: NO_CASE, 409: conflict('awaiting arbitration'), 413: true, 415: true, 422: REFUSED })
  arbitrate(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() dto: ArbitrateCaseDto): Promise<CommandCentreDecisionDto> {
    return this.centre.arbitrate(caller.code, id, dto);
  }

  @Post('cases/:id/reroute')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-route a case (改派)', description: 'For a dispatched case: new units replace the current ones, which are withdrawn.' })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiOkResponse({ description: 'The decision, put into effect.', type: CommandCentreDecisionDto })
  @ApiProblems({ 400: BAD_BODY, 404: NO_CASE, 409: conflict('dispatched'), 413: true, 415: true, 422: REFUSED })
  reroute(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() dto: ManualDispatchDto): Promise<CommandCentreDecisionDto> {
    return this.centre.reroute(caller.code, id, dto);
  }

  @Get('audit')
  @ApiOperation({ summary: 'The command centre\u2019s actions on a case', description: 'Who acted, when, why and what, oldest first.' })
  @ApiOkResponse({ description: 'The audit trail.', type: AuditDto })
  @ApiProblems({ 400: { description: '`caseId` is missing or not a UUID.', errors: [{ field: 'caseId', message: 'caseId must be a UUID' }] } })
  audit(@Query() query: AuditQueryDto): Promise<AuditDto> {
    return this.centre.audit(query.caseId);
  }
}
