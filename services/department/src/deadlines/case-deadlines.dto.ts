import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CASE_CLOCKS, CONTACT_CHANNELS, ContactChannel, PAUSE_REASONS, PauseReason, SUPERVISION_LEVELS, SupervisionLevel } from '@gridwhistle/contracts';
import { IsNotBlank } from '@gridwhistle/platform';

export class RequestExtensionDto {
  @ApiProperty({ description: 'Why more time is needed (the work, not the resident).', minLength: 1, maxLength: 500, example: '需等待管材到货' })
  @IsString() @IsNotBlank() @Length(1, 500, { message: 'reason must say why, in 1 to 500 characters' })
  reason: string;

  @ApiProperty({ description: 'The resolve deadline asked for; later than the current one.', format: 'date-time', example: '2026-12-04T10:00:00.000Z' })
  @IsDateString({}, { message: 'until must be a date and time (ISO 8601)' })
  until: string;
}

export class PauseCaseDto {
  @ApiProperty({ description: 'Whom the case waits on: the resident (补充材料, 约定时间) or a third party (鉴定, 审批).', enum: PAUSE_REASONS, example: 'waiting_requester' })
  @IsIn(PAUSE_REASONS, { message: `reason must be one of ${PAUSE_REASONS.join(', ')}` })
  reason: PauseReason;

  @ApiPropertyOptional({ description: 'What exactly it waits for; stays with your department.', maxLength: 500, example: '居民约定周六上门查看' })
  @IsOptional() @IsString() @Length(0, 500, { message: 'note must be at most 500 characters' })
  note?: string;
}

export class FirstContactDto {
  @ApiProperty({ description: 'When your unit reached the resident; not in the future, not before the dispatch.', format: 'date-time', example: '2026-11-22T08:40:00.000Z' })
  @IsDateString({}, { message: 'at must be a date and time (ISO 8601)' })
  at: string;

  @ApiProperty({ description: 'How.', enum: CONTACT_CHANNELS, example: 'phone' })
  @IsIn(CONTACT_CHANNELS, { message: `channel must be one of ${CONTACT_CHANNELS.join(', ')}` })
  channel: ContactChannel;

  @ApiPropertyOptional({ description: 'What was agreed; stays with your department.', maxLength: 500, example: '已电话联系，约定明日上午到场' })
  @IsOptional() @IsString() @Length(0, 500, { message: 'note must be at most 500 characters' })
  note?: string;
}

export class SupervisionDto {
  @ApiProperty({ description: 'The level chasing your unit: a reminder (催办), supervision (督办) by the street, by the district.', enum: SUPERVISION_LEVELS, example: 'street' })
  level: SupervisionLevel;

  @ApiProperty({ description: 'This level\u2019s own deadline.', format: 'date-time', example: '2026-11-26T10:00:00.000Z' })
  dueAt: string;

  @ApiProperty({ description: 'The street or district unit that supervises; null for a reminder.', type: 'string', nullable: true, example: 'hanfeng_street' })
  supervisorCode: string | null;
}

export class PauseDto {
  @ApiProperty({ description: 'Since when the clocks stand still.', format: 'date-time', example: '2026-11-22T09:00:00.000Z' })
  since: string;

  @ApiProperty({ enum: PAUSE_REASONS, description: 'Whom the case waits on.', example: 'waiting_requester' })
  reason: PauseReason;

  @ApiProperty({ description: 'Your note.', type: 'string', nullable: true, example: null })
  note: string | null;
}

export class ExtensionStateDto {
  @ApiProperty({ description: '`requested` until routing decides; `referred` waits for the command centre.', enum: ['requested', 'referred', 'granted', 'refused'], example: 'granted' })
  state: string;

  @ApiProperty({ description: 'The deadline asked for.', format: 'date-time', example: '2026-12-04T10:00:00.000Z' })
  until: string;

  @ApiProperty({ description: 'Why it was asked.', example: '需等待管材到货' })
  reason: string;

  @ApiProperty({ description: 'Why it was refused, or null.', type: 'string', nullable: true, example: null })
  decision: string | null;
}

/** Your unit's deadlines on a case in its current round, as routing announced them. */
export class CaseDeadlinesDto {
  @ApiProperty({
    description: 'The due time of each clock known so far (acknowledge 签收, first_contact 首次联系, resolve 办结): from the dispatch, the warnings, an extension or a pause.',
    example: { acknowledge: '2026-11-22T08:45:00.000Z', resolve: '2026-11-25T10:00:00.000Z' },
  })
  due: Record<string, string>;

  @ApiProperty({ description: 'The earliest deadline your unit still has to meet, or null.', type: 'string', format: 'date-time', nullable: true, example: '2026-11-22T08:45:00.000Z' })
  nextDueAt: string | null;

  @ApiProperty({ description: 'Whether a deadline your unit still has to meet has passed.', example: false })
  overdue: boolean;

  @ApiProperty({ description: 'The clocks whose deadline passed.', enum: CASE_CLOCKS, isArray: true, example: [] })
  breached: string[];

  @ApiProperty({ description: 'The supervision (督办) your unit is under, or null.', type: () => SupervisionDto, nullable: true })
  supervision: SupervisionDto | null;

  @ApiProperty({ description: 'When the case went on the register of unresolved problems (挂账), or null.', type: 'string', format: 'date-time', nullable: true, example: null })
  registeredAt: string | null;

  @ApiProperty({ description: 'When the register next reviews it, or null.', type: 'string', format: 'date-time', nullable: true, example: null })
  reviewAt: string | null;

  @ApiProperty({ description: 'The pause under way, or null.', type: () => PauseDto, nullable: true })
  pause: PauseDto | null;

  @ApiProperty({ description: 'How long the clocks stood still in pauses that ended, in milliseconds.', example: 0 })
  pausedMs: number;

  @ApiProperty({ description: 'The latest extension asked for, or null.', type: () => ExtensionStateDto, nullable: true })
  extension: ExtensionStateDto | null;

  @ApiProperty({ description: 'When your unit first reached the resident (首次联系), or null.', type: 'string', format: 'date-time', nullable: true, example: null })
  firstContactAt: string | null;
}
