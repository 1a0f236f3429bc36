import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeyAuth, ApiKeyGuard, ApiProblems, ApiUuidParam, Caller, CurrentCaller, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';
import { WebhookEndpointsService, view } from './webhook-endpoints.service';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { CreateWebhookDto, ListDeliveriesQueryDto, UpdateWebhookDto, WebhookDeliveryDto, WebhookDto, WebhookWithSecretDto } from './webhooks.dto';

const WebhookId = () => UuidParam('id');
const ApiWebhookId = () => ApiUuidParam('id', 'The webhook endpoint\u2019s id.');
const BAD_ID = { description: 'An id is not a UUID.', errors: [{ field: 'id', message: 'id must be a UUID' }] };
const NOT_YOURS = {
  description: 'Your unit has no webhook endpoint with this id (another unit\u2019s looks the same).',
  detail: `no webhook ${UUID_EXAMPLE} for your unit`,
};

/** A unit's webhook endpoints: its change feed pushed, signed per Standard Webhooks. */
@ApiTags('webhooks')
@ApiKeyAuth()
@Controller('v1/webhooks')
@UseGuards(ApiKeyGuard)
export class WebhooksController {
  constructor(
    private readonly endpoints: WebhookEndpointsService,
    private readonly deliveries: WebhookDeliveriesService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description:
      'From now on, the entries of your change feed of the chosen types are POSTed to `url` as JSON, signed per Standard Webhooks ' +
      '(`webhook-id` = the entry id, the same on every retry; `webhook-timestamp`; `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`). ' +
      'Failed deliveries are retried with growing waits for more than a day. The signing secret is in this answer only.',
  })
  @ApiCreatedResponse({ description: 'The endpoint and its signing secret.', type: WebhookWithSecretDto })
  @ApiProblems({ 400: { description: 'The url or eventTypes are not valid (production takes https only).', errors: [{ field: 'url', message: 'url must be an http(s) URL' }] }, 413: true, 415: true })
  create(@CurrentCaller() caller: Caller, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.endpoints.create(caller.code, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Your unit\u2019s webhook endpoints', description: 'Without their secrets, which are never shown again.' })
  @ApiOkResponse({ description: 'The endpoints, oldest first.', type: [WebhookDto] })
  list(@CurrentCaller() caller: Caller): Promise<WebhookDto[]> {
    return this.endpoints.list(caller.code);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint', description: 'Whether it is enabled, and since when it has been failing, if it has.' })
  @ApiWebhookId()
  @ApiOkResponse({ description: 'The endpoint.', type: WebhookDto })
  @ApiProblems({ 400: BAD_ID, 404: NOT_YOURS })
  async get(@CurrentCaller() caller: Caller, @WebhookId() id: string): Promise<WebhookDto> {
    return view(await this.endpoints.get(caller.code, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Enable or disable an endpoint', description: 'While disabled, events wait; enabling delivers them, and forgets the failing streak.' })
  @ApiWebhookId()
  @ApiOkResponse({ description: 'The endpoint.', type: WebhookDto })
  @ApiProblems({ 400: BAD_ID, 404: NOT_YOURS, 413: true, 415: true })
  update(@CurrentCaller() caller: Caller, @WebhookId() id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookDto> {
    return this.endpoints.setEnabled(caller.code, id, dto.enabled);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove an endpoint', description: 'Its pending deliveries and delivery log go with it.' })
  @ApiWebhookId()
  @ApiOkResponse({ description: 'The endpoint as it was when removed.', type: WebhookDto })
  @ApiProblems({ 400: BAD_ID, 404: NOT_YOURS })
  remove(@CurrentCaller() caller: Caller, @WebhookId() id: string): Promise<WebhookDto> {
    return this.endpoints.remove(caller.code, id);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret',
    description: 'A new secret, shown once. For 24 hours deliveries carry two signatures, by the new and the old secret, so your receiver can switch without a gap.',
  })
  @ApiWebhookId()
  @ApiOkResponse({ description: 'The endpoint and its new signing secret.', type: WebhookWithSecretDto })
  @ApiProblems({ 400: BAD_ID, 404: NOT_YOURS })
  rotate(@CurrentCaller() caller: Caller, @WebhookId() id: string): Promise<WebhookWithSecretDto> {
    return this.endpoints.rotateSecret(caller.code, id);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log', description: 'The latest deliveries to the endpoint, newest first, each with its attempts: status code, duration, error.' })
  @ApiWebhookId()
  @ApiOkResponse({ description: 'The deliveries.', type: [WebhookDeliveryDto] })
  @ApiProblems({ 400: BAD_ID, 404: NOT_YOURS })
  deliveriesOf(@CurrentCaller() caller: Caller, @WebhookId() id: string, @Query() query: ListDeliveriesQueryDto): Promise<WebhookDeliveryDto[]> {
    return this.deliveries.list(caller.code, id, query.limit);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay a delivery', description: 'Sends it again within a few seconds, with the same `webhook-id`: delivered, pending or failed.' })
  @ApiWebhookId()
  @ApiUuidParam('deliveryId', 'The delivery\u2019s id, from the delivery log.')
  @ApiAcceptedResponse({ description: 'The delivery, due now.', type: WebhookDeliveryDto })
  @ApiProblems({ 400: BAD_ID, 404: { description: 'No such endpoint or delivery of your unit.', detail: `no webhook ${UUID_EXAMPLE} for your unit` } })
  replay(@CurrentCaller() caller: Caller, @WebhookId() id: string, @UuidParam('deliveryId') deliveryId: string): Promise<WebhookDeliveryDto> {
    return this.deliveries.replay(caller.code, id, deliveryId);
  }
}
