import { Body, Controller, HttpCode, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, Caller, CurrentCaller, UUID_EXAMPLE } from '@gridwhistle/platform';
import { DepartmentCaseDto } from '../cases/department-case.dto';
import { ApiCaseId, CaseId, NOT_YOURS, STALE } from '../cases/case-api.docs';
import { ApiIfMatch, ETAG_HEADER, ETagInterceptor, IfMatch } from '../cases/case-version';
import { CaseNoteDto } from './case-note.dto';
import { CaseNotesService } from './case-notes.service';

@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
@UseInterceptors(ETagInterceptor)
export class CaseNotesController {
  constructor(private readonly notes: CaseNotesService) {}

  @Post(':id/notes')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Write a progress note (进展)',
    description:
      'While your unit handles the case (as lead or assistant, dispatched or acknowledged), note how it goes; the note shows on your unit\u2019s timeline of the case ' +
      '(GET /v1/cases/{id}). Sending the same note again right after answers with the case and writes it once.',
  })
  @ApiCaseId()
  @ApiIfMatch()
  @ApiOkResponse({ description: 'The case, with its version raised.', type: DepartmentCaseDto, headers: ETAG_HEADER })
  @ApiProblems({
    400: { description: '`id` is not a UUID, `note` is missing or too long, or the body is not JSON.', errors: [{ field: 'note', message: 'note must say how the work is going, in 1 to 2000 characters' }] },
    404: NOT_YOURS,
    409: { description: 'Your unit no longer works on the case (resolved, closed, returned, withdrawn) or was only copied. `allowedActions` says what it may do.', detail: `case ${UUID_EXAMPLE}: it is resolved: note needs it dispatched or acknowledged` },
    412: STALE,
    413: true,
    415: true,
  })
  add(@CurrentCaller() caller: Caller, @CaseId() id: string, @Body() dto: CaseNoteDto, @IfMatch() ifMatch?: string): Promise<DepartmentCaseDto> {
    return this.notes.add(caller.code, id, dto.note, ifMatch);
  }
}
