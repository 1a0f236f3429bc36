import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUrl, Max, Min } from 'class-validator';
import { UUID_EXAMPLE } from '@gridwhistle/platform';
import { CHANGE_TYPES, ChangeType } from '../change-feed/change-feed.entry';

const EVENT_TYPES = { message: `eventTypes must be a list of ${CHANGE_TYPES.join(', ')}` };

export class CreateWebhookDto {
  @ApiProperty({ description: 'Where to POST the events; https only in production.', example: 'https://ops.water.example.gov.cn/gridwhistle/webhook' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ description: 'The change-feed entry types to deliver.', enum: CHANGE_TYPES, isArray: true, example: ['dispatched', 'closed'] })
  @IsArray(EVENT_TYPES) @ArrayMinSize(1, EVENT_TYPES) @ArrayMaxSize(CHANGE_TYPES.length, EVENT_TYPES) @ArrayUnique({ message: 'eventTypes must not repeat a type' })
  @IsIn(CHANGE_TYPES, { each: true, ...EVENT_TYPES })
  eventTypes: ChangeType[];
}

export class UpdateWebhookDto {
  @ApiProperty({ description: 'true to deliver again (also what piled up while disabled), false to stop delivering.', example: true })
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled: boolean;
}

export class WebhookDto {
  @ApiProperty({ description: 'The endpoint\u2019s id.', format: 'uuid', example: UUID_EXAMPLE }) id: string;
  @ApiProperty({ description: 'Where the events are POSTed.', example: 'https://ops.water.example.gov.cn/gridwhistle/webhook' }) url: string;
  @ApiProperty({ description: 'The change-feed entry types delivered.', enum: CHANGE_TYPES, isArray: true, example: ['dispatched', 'closed'] }) eventTypes: ChangeType[];
  @ApiProperty({ description: 'Whether events are delivered; deliveries wait while it is disabled.', example: true }) enabled: boolean;
  @ApiProperty({ description: 'Why it was disabled, if it was.', nullable: true, type: String, example: null }) disabledReason: string | null;
  @ApiProperty({ description: 'Since when its deliveries have failed without a success.', nullable: true, type: String, format: 'date-time', example: null })
  failingSince: string | null;
  @ApiProperty({ description: 'When it was registered.', format: 'date-time', example: '2026-11-20T08:00:00.000Z' }) createdAt: string;
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    description: 'The signing secret (Standard Webhooks): shown this once, keep it; verify `webhook-signature` with it.',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret: string;
}

export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ description: 'At most this many deliveries, newest first.', type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer from 1 to 200' }) @Min(1, { message: 'limit must be an integer from 1 to 200' })
  @Max(200, { message: 'limit must be an integer from 1 to 200' })
  limit = 50;
}

export class WebhookAttemptDto {
  @ApiProperty({ description: 'When the attempt was made.', format: 'date-time', example: '2026-11-20T08:00:05.000Z' }) attemptedAt: string;
  @ApiProperty({ description: 'The receiver\u2019s HTTP status; null if none came.', nullable: true, type: Number, example: 500 }) statusCode: number | null;
  @ApiProperty({ description: 'How long the attempt took.', example: 120 }) durationMs: number;
  @ApiProperty({ description: 'What went wrong: timeout, connection refused, or the status.', nullable: true, type: String, example: 'HTTP 500' }) error: string | null;
  @ApiProperty({ description: 'The start of the response body, at most 200 characters.', nullable: true, type: String, example: 'upstream unavailable' })
  responseExcerpt: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'The delivery\u2019s id, for replaying it.', format: 'uuid', example: UUID_EXAMPLE }) id: string;
  @ApiProperty({ description: 'The change-feed entry delivered: its id is the `webhook-id` header.', format: 'uuid', example: UUID_EXAMPLE }) entryId: string;
  @ApiProperty({ description: 'The entry\u2019s type.', enum: CHANGE_TYPES, example: 'dispatched' }) type: ChangeType;
  @ApiProperty({ description: '`failed` once the retry schedule is spent; replay sends it again.', enum: ['pending', 'delivered', 'failed'], example: 'delivered' })
  state: 'pending' | 'delivered' | 'failed';
  @ApiProperty({ description: 'The next try, while pending.', format: 'date-time', nullable: true, type: String, example: null }) nextAttemptAt: string | null;
  @ApiProperty({ description: 'Its attempts, oldest first.', type: [WebhookAttemptDto] }) attempts: WebhookAttemptDto[];
}
