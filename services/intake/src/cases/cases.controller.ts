import { Body, Controller, Get, Headers, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ApiKeyGuard, Caller, CurrentCaller, UuidParam, ValidationProblem } from '@gridwhistle/platform';
import { CasesService } from './cases.service';
import { ReportCaseDto } from './report-case.dto';

@Controller('v1/cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /** A channel reports a case. Send an Idempotency-Key so a retried call cannot create a second case. */
  @Post()
  @HttpCode(201)
  @UseGuards(ApiKeyGuard)
  async report(
    @Body() dto: ReportCaseDto,
    @CurrentCaller() caller: Caller,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Headers('traceparent') traceparent: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,128}$/.test(idempotencyKey)) {
      throw new ValidationProblem([{ field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 128 visible ASCII characters' }]);
    }
    const outcome = await this.cases.report(dto, caller.code, idempotencyKey, traceparent);
    if (outcome.replayed) reply.header('Idempotent-Replayed', 'true');
    reply.header('Location', `/v1/cases/${outcome.id}`);
    return { id: outcome.id, status: outcome.status, reportedAt: outcome.reportedAt.toISOString() };
  }

  /** The public view of a case: status and timeline, no personal data. */
  @Get(':id')
  view(@UuidParam('id') id: string) {
    return this.cases.publicView(id);
  }
}
