import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { DecideExtensionDto, ExtensionDto, ExtensionQueueDto } from './extension-decision.dto';
import { ExtensionDecisionsService } from './extension-decisions.service';

const DECIDE_PROBLEMS: Parameters<typeof ApiProblems>[0] = {
  400: { description: '`id` is not a UUID or `reason` is missing.', errors: [{ field: 'reason', message: 'reason must say why, in 1 to 500 characters' }] },
  404: { description: 'No extension was asked for on this case.', detail: `no extension was asked for on case ${UUID_EXAMPLE}` },
  409: { description: 'The extension was decided otherwise before, or the resolve clock stopped (the case was resolved or re-dispatched).', detail: `the extension of case ${UUID_EXAMPLE} was already granted by the policy` },
  413: true,
  415: true,
};

/**
 * The command centre's side of extensions (延期): the requests beyond the policy wait here.
 * Kept apart from the command centre's own queue and audit (services/routing/src/command-centre).
 */
@ApiTags('cases')
@ApiKeyAuth()
@Controller('v1/command-centre')
@UseGuards(ApiKeyGuard)
export class ExtensionDecisionsController {
  constructor(private readonly decisions: ExtensionDecisionsService) {}

  @Get('extensions')
  @ApiOperation({ summary: 'Extension requests waiting for the command centre', description: 'Requests for more time beyond what the policy grants by itself, oldest first.' })
  @ApiOkResponse({ description: 'The waiting requests.', type: ExtensionQueueDto })
  pending(): Promise<ExtensionQueueDto> {
    return this.decisions.pending();
  }

  @Post('cases/:id/extension/grant')
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant an extension (批准延期)', description: 'The resolve deadline moves to the date the unit asked for and its timers are planned again.' })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiOkResponse({ description: 'The extension, granted.', type: ExtensionDto })
  @ApiProblems(DECIDE_PROBLEMS)
  grant(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() dto: DecideExtensionDto): Promise<ExtensionDto> {
    return this.decisions.decide(id, caller.code, 'grant', dto.reason);
  }

  @Post('cases/:id/extension/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse an extension (不予延期)', description: 'The resolve deadline stays as it was.' })
  @ApiUuidParam('id', 'The case\u2019s id.')
  @ApiOkResponse({ description: 'The extension, refused.', type: ExtensionDto })
  @ApiProblems(DECIDE_PROBLEMS)
  refuse(@CurrentCaller() caller: Caller, @UuidParam('id') id: string, @Body() dto: DecideExtensionDto): Promise<ExtensionDto> {
    return this.decisions.decide(id, caller.code, 'refuse', dto.reason);
  }
}
