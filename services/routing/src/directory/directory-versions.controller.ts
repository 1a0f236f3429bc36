import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, Caller, CurrentCaller, ValidationProblem } from '@gridwhistle/platform';
import { DirectoryVersionsService } from './directory-versions.service';
import { DiffQueryDto, DirectoryDiffDto, DirectoryVersionListDto, PublishedVersionDto } from './directory-versions.dto';

const VersionParam = () =>
  Param('version', new ParseIntPipe({ exceptionFactory: () => new ValidationProblem([{ field: 'version', message: 'version must be a version number' }]) }));
const ApiVersionParam = () => ApiParam({ name: 'version', description: 'The version number.', schema: { type: 'integer', minimum: 1, example: 1 } });
const BAD_VERSION = { description: '`version` is not a number.', errors: [{ field: 'version', message: 'version must be a version number' }] };
const DOCUMENT_SCHEMA = {
  type: 'object' as const,
  description: 'A directory document as deploy/directory/<city>.directory.json holds it: city, version, language, areas, units, categories, catalogue, responsibilities, deadlinePolicies.',
  example: { city: 'kaizhou', version: 2, language: 'zh-CN', areas: {}, units: [], categories: [], catalogue: [], responsibilities: {}, deadlinePolicies: [] },
};

/** The command centre shows and publishes the directory's versions (operators' keys only). */
@ApiTags('directory')
@ApiKeyAuth()
@Controller('v1/directory/versions')
@UseGuards(ApiKeyGuard)
export class DirectoryVersionsController {
  constructor(private readonly versions: DirectoryVersionsService) {}

  @Get()
  @ApiOperation({ summary: 'The directory\u2019s versions', description: 'Every version that took effect, newest (running) first: its checksum, when and by whom it was published.' })
  @ApiOkResponse({ description: 'The versions.', type: DirectoryVersionListDto })
  @ApiProblems({})
  list(): Promise<DirectoryVersionListDto> {
    return this.versions.list();
  }

  @Get(':version')
  @ApiOperation({ summary: 'One version\u2019s document', description: 'The directory document of a version that took effect, as it was submitted.' })
  @ApiVersionParam()
  @ApiOkResponse({ description: 'The document.', schema: DOCUMENT_SCHEMA })
  @ApiProblems({ 400: BAD_VERSION, 404: { description: 'No such version took effect.', detail: 'no directory version 9 took effect' } })
  document(@VersionParam() version: number): Promise<object> {
    return this.versions.document(version);
  }

  @Get(':version/diff')
  @ApiOperation({
    summary: 'How a version differs from another',
    description:
      'The version compared with `against` (a version number, or the running one): the areas, units, categories, catalogue entries and ' +
      'deadline policies it adds, removes and changes (field by field, by code), and the codes it puts on or takes off each responsibility list.',
  })
  @ApiVersionParam()
  @ApiOkResponse({ description: 'The differences.', type: DirectoryDiffDto })
  @ApiProblems({
    400: { description: '`version` or `against` is not a version.', errors: [{ field: 'against', message: 'against must be a version number or running' }] },
    404: { description: 'One of the two versions never took effect.', detail: 'no directory version 9 took effect' },
  })
  diff(@VersionParam() version: number, @Query() query: DiffQueryDto): Promise<DirectoryDiffDto> {
    return this.versions.diff(version, query.against);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Publish a new version',
    description:
      'An operator submits a whole directory document with a higher version. It is validated completely first; a valid one is stored with ' +
      'the operator as its publisher, takes effect for every decision from now on, is announced to the other services (directory.published), ' +
      'and the answer says what it changed against the version running before. Submitting the running version\u2019s document again answers 200.',
  })
  @ApiBody({ description: 'The directory document.', schema: DOCUMENT_SCHEMA })
  @ApiCreatedResponse({ description: 'The version, now running, with what it changed.', type: PublishedVersionDto })
  @ApiOkResponse({ description: 'The same document was running already: nothing changed.', type: PublishedVersionDto })
  @ApiProblems({
    400: { slug: 'malformed-json', description: 'The body is not JSON.', detail: 'the body is not valid JSON' },
    409: { description: 'The version is older than the running one: give it a higher version.', detail: 'version 1 is not newer than the running version 2: give it a higher version' },
    413: true,
    415: true,
    422: {
      slug: 'invalid-directory',
      description: 'The document is refused, with every problem\u2019s path and reason in `errors`; the running version stays.',
      detail: 'the directory is refused for 1 problem(s); the running version stays',
      errors: [{ field: '$.catalogue[24].lead', message: "'illegal_construction' is on the negative list (负面清单): it must never be sent to a community" }],
    },
  })
  async publish(@CurrentCaller() caller: Caller, @Body() document: object, @Res({ passthrough: true }) reply: FastifyReply): Promise<PublishedVersionDto> {
    const { created, version } = await this.versions.submit(document, caller.code);
    if (!created) reply.status(200);
    return version;
  }
}
