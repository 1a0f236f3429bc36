import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { CaseRoutingDto } from './case-routing.dto';
import { CaseRoutingService } from './case-routing.service';

/** The command centre reads why each case went where it went. */
@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/cases')
@UseGuards(ApiKeyGuard)
export class CaseRoutingController {
  constructor(private readonly routing: CaseRoutingService) {}

  @Get(':id/routing')
  @ApiOperation({
    summary: 'A case\u2019s routing history, explained',
    description:
      'Every decision routing made on the case, oldest first: the rule, the directory version, the inputs, the units chosen ' +
      '(lead, assistants, copies), the catalogue entries set aside, and all of it in plain words (Chinese) with the codes beside them.',
  })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiOkResponse({ description: 'The routing history.', type: CaseRoutingDto })
  @ApiProblems({
    400: { description: '`id` is not a UUID.', errors: [{ field: 'id', message: 'id must be a UUID' }] },
    404: { description: 'Routing has decided nothing on this case (yet).', detail: `routing has decided nothing on case ${UUID_EXAMPLE}` },
  })
  get(@UuidParam('id') id: string): Promise<CaseRoutingDto> {
    return this.routing.history(id);
  }
}
