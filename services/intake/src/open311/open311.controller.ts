import { Body, Controller, Get, NotFoundException, Param, Post, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { OPEN311_FORMATS, Open311ErrorsFilter, Open311Format, sendOpen311 } from './open311.format';
import { ApiOpen311 } from './open311.api';
import { Open311Service } from './open311.service';
import { Open311ReportsService } from './open311-reports.service';
import { Open311Params, Open311RequestFilters, Open311ServiceRequestParams, Open311UpdateFilters, readParams } from './open311-params.dto';
import {
  Open311DiscoveryDto,
  Open311ReceiptDto,
  Open311ServiceDefinitionDto,
  Open311ServiceDto,
  Open311ServiceRequestDto,
  Open311TokenDto,
  Open311UpdateDto,
} from './open311-documents.dto';

function formatOf(format: string): Open311Format {
  if (!(OPEN311_FORMATS as readonly string[]).includes(format)) throw new NotFoundException(`no format ${format}: use .xml or .json`);
  return format as Open311Format;
}

const list = (value: string | undefined) => value?.split(',').map((s) => s.trim()).filter(Boolean);
const date = (value: string | undefined) => (value ? new Date(value) : undefined);

/** Open311 GeoReport v2 (and mySociety's servicerequestupdates), for FixMyStreet and every other Open311 client. */
@ApiTags('open311')
@Controller('open311/v2')
@UseFilters(Open311ErrorsFilter)
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    private readonly reports: Open311ReportsService,
  ) {}

  @Get('discovery.:format')
  @ApiOpen311({ summary: 'Open311 discovery', description: 'Where the GeoReport v2 endpoint is and what it serves.', root: 'discovery', type: Open311DiscoveryDto, errors: { 404: 'An unknown format.' } })
  discovery(@Param('format') format: string, @Res() reply: FastifyReply): void {
    const url = `${reply.request.protocol}://${reply.request.host}/open311/v2`;
    const changeset = '2026-11-22T00:00:00Z';
    sendOpen311(reply, formatOf(format), 'discovery', {
      changeset,
      contact: 'GridWhistle intake operators',
      key_service: 'Ask the operators for an integration API key.',
      endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url, changeset, type: 'production', formats: ['text/xml', 'application/json'] }],
    });
  }

  @Get('services.:format')
  @ApiOpen311({ summary: 'Open311 services', description: 'The categories, as services.', root: 'services', type: Open311ServiceDto, isArray: true, errors: { 404: 'An unknown format.' } })
  async services(@Param('format') format: string, @Res() reply: FastifyReply): Promise<void> {
    sendOpen311(reply, formatOf(format), 'services', await this.open311.services());
  }

  @Get('services/:service_code.:format')
  @ApiParam({ name: 'service_code', description: 'A service code from services.{format}.', schema: { type: 'string' }, example: 'manhole_cover' })
  @ApiOpen311({ summary: 'Open311 service definition', description: 'The attributes a request of this service may answer: the category\u2019s fields.', root: 'service_definition', type: Open311ServiceDefinitionDto, errors: { 404: 'No such service, or an unknown format.' } })
  async definition(@Param('service_code') code: string, @Param('format') format: string, @Res() reply: FastifyReply): Promise<void> {
    const chosen = formatOf(format);
    sendOpen311(reply, chosen, 'service_definition', await this.open311.definition(code));
  }

  @Post('requests.:format')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ type: Open311ServiceRequestParams, description: 'Form-encoded; answers to the service\u2019s attributes as attribute[code]; unknown parameters (jurisdiction_id, …) are ignored.' })
  @ApiOpen311({
    summary: 'Open311: report a service request',
    description: 'Creates a case of the `open311` channel, located by lat/long (WGS-84) in its grid; api_key is the integration\u2019s key. Emergencies, consultations with an answer and matters outside every duty are answered in service_notice and closed, not dispatched.',
    root: 'service_requests',
    type: Open311ReceiptDto,
    isArray: true,
    status: 201,
    errors: { 400: 'A parameter is missing or invalid, or lat/long lie outside every grid (the nearest grids are named).', 403: 'api_key is missing or unknown.', 404: 'An unknown format.' },
  })
  async submit(@Param('format') format: string, @Body() body: Open311Params | undefined, @Res() reply: FastifyReply): Promise<void> {
    const chosen = formatOf(format);
    sendOpen311(reply, chosen, 'service_requests', [await this.reports.submit(body ?? {})], 201);
  }

  @Get('requests.:format')
  @ApiQuery({ name: 'service_request_id', required: false, description: 'Comma-separated ids; the other filters are then ignored.', schema: { type: 'string' } })
  @ApiQuery({ name: 'service_code', required: false, description: 'Comma-separated service codes.', schema: { type: 'string' } })
  @ApiQuery({ name: 'start_date', required: false, description: 'Reported at or after (W3C date-time); by default 90 days before end_date.', schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'end_date', required: false, description: 'Reported before (W3C date-time); by default now.', schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'status', required: false, description: 'Comma-separated: open, closed or extended statuses.', schema: { type: 'string' } })
  @ApiOpen311({ summary: 'Open311 service requests', description: 'Requests (every channel\u2019s cases), newest first, at most 1000.', root: 'service_requests', type: Open311ServiceRequestDto, isArray: true, errors: { 400: 'A filter is invalid.', 404: 'An unknown format.' } })
  async requests(@Param('format') format: string, @Query() query: Open311Params, @Res() reply: FastifyReply): Promise<void> {
    const chosen = formatOf(format);
    const filters = readParams(Open311RequestFilters, query);
    const found = await this.open311.requests({
      ids: list(filters.service_request_id),
      serviceCodes: list(filters.service_code),
      start: date(filters.start_date),
      end: date(filters.end_date),
      statuses: list(filters.status),
    });
    sendOpen311(reply, chosen, 'service_requests', found);
  }

  @Get('requests/:service_request_id.:format')
  @ApiParam({ name: 'service_request_id', description: 'The request\u2019s id.', schema: { type: 'string' } })
  @ApiOpen311({ summary: 'Open311 service request', description: 'One request, as a list of one.', root: 'service_requests', type: Open311ServiceRequestDto, isArray: true, errors: { 404: 'No such request, or an unknown format.' } })
  async request(@Param('service_request_id') id: string, @Param('format') format: string, @Res() reply: FastifyReply): Promise<void> {
    const chosen = formatOf(format);
    sendOpen311(reply, chosen, 'service_requests', [await this.open311.one(id)]);
  }

  @Get('tokens/:token.:format')
  @ApiParam({ name: 'token', description: 'A token: here always the request\u2019s id, since requests are created at once.', schema: { type: 'string' } })
  @ApiOpen311({ summary: 'Open311 token', description: 'The request a token stands for.', root: 'service_requests', type: Open311TokenDto, isArray: true, errors: { 404: 'No such token, or an unknown format.' } })
  async token(@Param('token') token: string, @Param('format') format: string, @Res() reply: FastifyReply): Promise<void> {
    const chosen = formatOf(format);
    sendOpen311(reply, chosen, 'service_requests', [await this.open311.token(token)]);
  }

  @Get('servicerequestupdates.:format')
  @ApiQuery({ name: 'start_date', required: false, description: 'Updates at or after (W3C date-time); by default 24 hours before end_date.', schema: { type: 'string', format: 'date-time' } })
  @ApiQuery({ name: 'end_date', required: false, description: 'Updates before (W3C date-time); by default now.', schema: { type: 'string', format: 'date-time' } })
  @ApiOpen311({ summary: 'Open311 service request updates', description: 'mySociety\u2019s extension: each step of each request, oldest first, with a stable update_id (at most 1000).', root: 'service_requests_updates', type: Open311UpdateDto, isArray: true, errors: { 400: 'A date is invalid.', 404: 'An unknown format.' } })
  async updates(@Param('format') format: string, @Query() query: Open311Params, @Res() reply: FastifyReply): Promise<void> {
    const chosen = formatOf(format);
    const window = readParams(Open311UpdateFilters, query);
    sendOpen311(reply, chosen, 'service_requests_updates', await this.open311.updates({ start: date(window.start_date), end: date(window.end_date) }));
  }
}
