import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, Caller, CurrentCaller } from '@gridwhistle/platform';
import { ChangeFeedPageDto, ReadChangeFeedQueryDto } from './change-feed.dto';
import { ChangeFeedReader } from './change-feed.reader';
import { entryOf } from './change-feed.entry';

@ApiTags('events')
@ApiKeyAuth()
@Controller('v1/events')
@UseGuards(ApiKeyGuard)
export class ChangeFeedController {
  constructor(private readonly reader: ChangeFeedReader) {}

  @Get()
  @ApiOperation({
    summary: 'Your unit\u2019s change feed',
    description:
      'Everything that happened to your unit\u2019s cases, in order, for systems that poll instead of taking webhooks. ' +
      'Keep `next` and pass it as `after`: no entry is ever skipped, also one whose transaction committed late.',
  })
  @ApiOkResponse({ description: 'The entries after the cursor.', type: ChangeFeedPageDto })
  @ApiProblems({ 400: { description: 'A query parameter is not valid.', errors: [{ field: 'after', message: 'after must be a cursor from a previous page' }] } })
  async read(@CurrentCaller() caller: Caller, @Query() query: ReadChangeFeedQueryDto): Promise<ChangeFeedPageDto> {
    const rows = await this.reader.read(caller.code, query.after, query.limit);
    return { entries: rows.map(entryOf), next: rows.length > 0 ? rows[rows.length - 1].position : query.after };
  }
}
