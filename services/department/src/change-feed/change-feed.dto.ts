import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { UUID_EXAMPLE } from '@gridwhistle/platform';
import { CHANGE_TYPES, ChangeType } from './change-feed.entry';

const LIMIT = { message: 'limit must be an integer from 1 to 500' };

export class ReadChangeFeedQueryDto {
  @ApiPropertyOptional({ description: 'The `next` cursor of the previous page; from the beginning if absent.', example: '1042' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,17})$/, { message: 'after must be a cursor from a previous page' })
  after = '0';

  @ApiPropertyOptional({ description: 'At most this many entries per page.', type: 'integer', minimum: 1, maximum: 500, default: 100, example: 100 })
  @IsOptional() @Type(() => Number) @IsInt(LIMIT) @Min(1, LIMIT) @Max(500, LIMIT)
  limit = 100;
}

export class ChangeFeedEntryDto {
  @ApiProperty({ description: 'The entry\u2019s id: stable, the same in every read and webhook delivery; deduplicate on it.', format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ description: 'What happened.', enum: CHANGE_TYPES, example: 'dispatched' })
  type: ChangeType;

  @ApiProperty({ description: 'The case it happened to; null for a change to your unit itself (`webhook_disabled`).', format: 'uuid', nullable: true, type: String, example: UUID_EXAMPLE })
  caseId: string | null;

  @ApiProperty({ description: 'When it happened.', format: 'date-time', example: '2026-11-20T08:00:00.000Z' })
  occurredAt: string;

  @ApiProperty({
    description: 'Details by type, never personal data: `dispatched` has role, round, category, gridCode and dueAt; `graded` the rating; `webhook_disabled` the endpoint.',
    type: 'object',
    additionalProperties: true,
    example: { role: 'lead', round: 1, category: 'manhole_cover', gridCode: 'kaizhou.hanfeng.binhu.g01', dueAt: '2026-11-24T08:00:00.000Z' },
  })
  data: Record<string, unknown>;
}

export class ChangeFeedPageDto {
  @ApiProperty({ description: 'The entries after the cursor, in the order they happened.', type: [ChangeFeedEntryDto] })
  entries: ChangeFeedEntryDto[];

  @ApiProperty({ description: 'Pass it as `after` to read on; the same cursor as given when nothing new has committed. It stays valid across restarts.', example: '1142' })
  next: string;
}
