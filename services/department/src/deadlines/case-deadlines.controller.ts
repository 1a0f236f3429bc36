import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { CaseDeadlinesDto, FirstContactDto, PauseCaseDto, RequestExtensionDto } from './case-deadlines.dto';
import { CaseDeadlinesService } from './case-deadlines.service';

const CaseId = () => UuidParam('id');
const ApiCaseId = () => ApiUuidParam('id', 'The case\u2019s id.');
const NOT_YOURS = { description: 'No case with this id was dispatched to your department.', detail: `no case ${UUID_EXAMPLE} for your department` };
const NOT_THE_LEAD = {
  description: 'Your unit does not lead the case, or no longer handles it (resolved, closed, returned, withdrawn), or the request contradicts one made before.',
  detail: `case ${UUID_EXAMPLE} is resolved: its deadlines are no longer your unit's to change`,
};
const invalid = (field: string, message: string) => ({ description: 'The body or `id` is not valid.', errors: [{ field, message }] });

/** The lead unit's deadlines on a case: extensions (延期), pauses (挂起), the first contact (首次联系). */
@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
export class CaseDeadlinesController {
  constructor(private readonly deadlines: CaseDeadlinesService) {}

  @Get(':id/deadlines')
  @ApiOperation({ summary: 'A case\u2019s deadlines and supervision', description: 'Each clock\u2019s due time, the breaches, the supervision (督办) level, the register (挂账), pauses and extensions.' })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The deadlines.', type: CaseDeadlinesDto })
  @ApiProblems({ 400: invalid('id', 'id must be a UUID'), 404: NOT_YOURS })
  get(@CurrentCaller() caller: Caller, @CaseId() id: string): Promise<CaseDeadlinesDto> {
    return this.deadlines.get(caller.code, id);
  }

  @Post(':id/extension')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask for more time (延期申请)',
    description:
      'Before the resolve deadline, with a reason and a new date. Within the policy (e.g. once, at most 10 working days) it is granted at once; beyond it the ' +
      'command centre decides. The decision comes back in `extension` and `due.resolve`; the resident\u2019s timeline shows it.',
  })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The deadlines, with the request.', type: CaseDeadlinesDto })
  @ApiProblems({ 400: invalid('until', 'until must be in the future'), 404: NOT_YOURS, 409: NOT_THE_LEAD, 413: true, 415: true })
  extension(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: RequestExtensionDto): Promise<CaseDeadlinesDto> {
    return this.deadlines.requestExtension(caller.code, id, dto);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause the clocks (挂起)',
    description: 'While the case waits on the resident or a third party the first-contact and resolve clocks stand still, at most as long and as often as the policy allows; then they run again by themselves.',
  })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The deadlines, paused.', type: CaseDeadlinesDto })
  @ApiProblems({ 400: invalid('reason', 'reason must be one of waiting_requester, waiting_third_party'), 404: NOT_YOURS, 409: NOT_THE_LEAD, 413: true, 415: true })
  pause(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: PauseCaseDto): Promise<CaseDeadlinesDto> {
    return this.deadlines.pause(caller.code, id, dto);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume the clocks', description: 'The clocks run again; the time paused is added to `pausedMs` and the deadlines move by it. Resuming a case not paused changes nothing.' })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The deadlines, running.', type: CaseDeadlinesDto })
  @ApiProblems({ 400: invalid('id', 'id must be a UUID'), 404: NOT_YOURS, 409: NOT_THE_LEAD })
  resume(@CurrentCaller() caller: Caller, @CaseId() id: string): Promise<CaseDeadlinesDto> {
    return this.deadlines.resume(caller.code, id);
  }

  @Post(':id/first-contact')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the first contact (首次联系)', description: 'Your unit reached the resident: the first-contact clock stops at `at`.' })
  @ApiCaseId()
  @ApiOkResponse({ description: 'The deadlines, with the first contact.', type: CaseDeadlinesDto })
  @ApiProblems({ 400: invalid('at', 'at must lie between the dispatch and now'), 404: NOT_YOURS, 409: NOT_THE_LEAD, 413: true, 415: true })
  firstContact(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: FirstContactDto): Promise<CaseDeadlinesDto> {
    return this.deadlines.firstContact(caller.code, id, dto);
  }
}
