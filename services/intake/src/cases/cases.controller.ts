import { Body, Controller, Get, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam, ValidationProblem } from '@gridwhistle/platform';
import { CasesService } from './cases.service';
import { ReportCaseDto } from './report-case.dto';
import { CaseReceiptDto } from './case-receipt.dto';
import { PublicCaseDto } from './public-case.dto';

/** 1 to 128 visible ASCII characters: what a call centre's retry can repeat exactly. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

@ApiTags('cases')
@Controller('v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** A channel reports a case. Send an Idempotency-Key so a retried call cannot create a second case. */
  @Post()
  @HttpCode(201)
  @UseGuards(ApiKeyGuard)
  @ApiKeyAuth()
  @ApiOperation({
    summary: 'Report a case (受理)',
    description:
      'A channel (the 12345 hotline, a grid worker\u2019s app, …) reports a problem; intake accepts it and routing ' +
      'dispatches it to the department that must handle it, within milliseconds. Call centres retry on timeouts: ' +
      'send an `Idempotency-Key` and a retried call answers with the case the first call created instead of a second case.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'One key per call you make (1 to 128 visible ASCII characters), unique for your API key: a retry with the same key and body answers with the first case.',
    schema: { type: 'string', minLength: 1, maxLength: 128, pattern: IDEMPOTENCY_KEY.source },
    example: 'call-20261122-0001',
  })
  @ApiHeader({
    name: 'traceparent',
    required: false,
    description: 'W3C Trace Context: the case\u2019s events carry this trace through every service. Without it, a new trace starts here.',
    schema: { type: 'string' },
    example: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  })
  @ApiCreatedResponse({
    description: 'The case was accepted (or, for a repeated Idempotency-Key, had been).',
    type: CaseReceiptDto,
    headers: {
      Location: { description: 'Where to follow the case: /v1/cases/{id}.', schema: { type: 'string', example: `/v1/cases/${UUID_EXAMPLE}` } },
      'Idempotent-Replayed': {
        description: '`true` when this answers a repeated Idempotency-Key: no new case was created.',
        schema: { type: 'string', enum: ['true'], example: 'true' },
      },
    },
  })
  @ApiOkResponse({
    description:
      'A repeat (重复来电): the same requester (by phone) already has an open case of this category in this grid, and this report brings no new facts. ' +
      'No new case: the answer is that case, its status now and `repeat: true`; GET /v1/track/{trackingCode} shows its progress.',
    type: CaseReceiptDto,
    headers: { Location: { description: 'Where to follow the existing case: /v1/cases/{id}.', schema: { type: 'string', example: `/v1/cases/${UUID_EXAMPLE}` } } },
  })
  @ApiProblems({
    400: {
      description: 'A field or the Idempotency-Key is not valid, a code is unknown (the category, the grid), or the body is not JSON.',
      errors: [{ field: 'location.gridCode', message: 'location.gridCode must be a grid code from GET /v1/areas' }],
    },
    413: true,
    415: true,
    422: 'This Idempotency-Key was used before by your API key with a different report: nothing was created.',
  })
  async report(
    @Body() dto: ReportCaseDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('traceparent') traceparent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CaseReceiptDto> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new ValidationProblem([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 128 visible ASCII characters' }]);
    }
    const outcome = await this.cases.report(dto, caller.code, idempotencyKey, traceparent);
    if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
    if (outcome.repeat) reply.status(200);
    reply.header('Location', `/v1/cases/${outcome.id}`);
    return { id: outcome.id, trackingCode: outcome.trackingCode, status: outcome.status, reportedAt: outcome.reportedAt.toISOString(), ...(outcome.repeat ? { repeat: true as const } : {}), ...(outcome.diversion ? { diversion: outcome.diversion } : {}) };
  }

  /** The public view of a case: status and timeline, no personal data. */
  @Get(':id')
  @ApiOperation({
    summary: 'Follow a case',
    description: 'Where a case stands and every step so far (its timeline), for anyone who has its id: no personal data.',
  })
  @ApiUuidParam('id', 'The case\u2019s id, from the answer to its report.')
  @ApiOkResponse({ description: 'The case.', type: PublicCaseDto })
  @ApiProblems({
    400: { description: '`id` is not a UUID.', errors: [{ field: 'id', message: 'id must be a UUID' }] },
    404: { description: 'No case has this id.', detail: `no case ${UUID_EXAMPLE}` },
  })
  view(@UuidParam('id') id: string): Promise<PublicCaseDto> {
    return this.cases.publicView(id);
  }
}
