import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, Channel, DIVERSIONS, Diversion, EMERGENCY_NUMBERS, EVENT_TYPES, PAUSE_REASONS, PauseReason, RATINGS, REQUEST_KINDS, Rating, RequestKind, SUPERVISION_LEVELS } from '@gridwhistle/contracts';
import { UUID_EXAMPLE } from '@gridwhistle/platform';
import { CASE_STATUSES, CaseStatus } from './case-status';
import { CaseDiversionDto } from './case-diversion.dto';

export class CaseCategoryDto {
  @ApiProperty({ description: 'The category code.', example: 'manhole_cover' })
  code: string;

  @ApiProperty({ description: 'Its name, or null if the category was removed since.', type: 'string', nullable: true, example: '井盖缺失' })
  name: string | null;
}

export class CaseGridDto {
  @ApiProperty({ description: 'The grid code.', example: 'kaizhou.hanfeng.binhu.g01' })
  code: string;

  @ApiProperty({ description: 'Its name, or null if the grid was removed since.', type: 'string', nullable: true, example: '滨湖社区第一网格' })
  name: string | null;
}

/** Timeline entries name their event without the `case.` of its type. */
const TIMELINE_EVENTS = EVENT_TYPES.filter((type) => type.startsWith('case.')).map((type) => type.replace(/^case\./, ''));

/** One step of a case, with only what the public may see of it. */
export class TimelineEntryDto {
  @ApiProperty({ description: 'What happened.', enum: TIMELINE_EVENTS, example: 'dispatched' })
  event: string;

  @ApiProperty({ description: 'When it happened.', format: 'date-time', example: '2026-11-22T08:15:30.456Z' })
  at: string;

  @ApiPropertyOptional({ description: 'On `dispatched`: the department the case was dispatched to (派单).', example: '区城市管理局' })
  department?: string;

  @ApiPropertyOptional({
    description: 'On `dispatched`: by when the department is to act; on `supervised`: the deadline of that level; on `extension_granted` and `clock_resumed`: the new resolve deadline.',
    format: 'date-time',
    example: '2026-11-22T10:15:30.456Z',
  })
  dueAt?: string;

  @ApiPropertyOptional({ description: 'On `supervised`: who chases the unit now: a reminder (催办), the street, the district (督办).', enum: SUPERVISION_LEVELS, example: 'street' })
  level?: string;

  @ApiPropertyOptional({ description: 'On `registered_unresolved` (挂账): when the case is reviewed.', format: 'date-time', example: '2026-12-22T10:00:00.000Z' })
  reviewAt?: string;

  @ApiPropertyOptional({ description: 'On `paused`: whom the case waits on.', enum: PAUSE_REASONS, example: 'waiting_requester' })
  pauseReason?: PauseReason;

  @ApiPropertyOptional({ description: 'On `clock_resumed`: how long the clocks stood still, in minutes.', example: 120 })
  pausedMinutes?: number;

  @ApiPropertyOptional({ description: 'On `graded`: the resident\u2019s rating (评单).', enum: RATINGS, example: 'satisfied' })
  rating?: Rating;

  @ApiPropertyOptional({ description: 'On `dispatched` after the first: the dispatch round (a re-route after a return, a manual dispatch or a ruling).', example: '2' })
  round?: string;

  @ApiPropertyOptional({ description: 'On `returned`: the code of the unit that gave the case back (退单).', example: 'water' })
  unit?: string;

  @ApiPropertyOptional({
    description: 'Why, as a stable code: on `triage_required` why no rule routes it, on `returned` the unit\u2019s reason, on `arbitration_required` why the command centre rules.',
    example: 'not_our_duty',
  })
  reason?: string;

  @ApiPropertyOptional({ description: 'On `diverted`: how intake answered the case itself.', enum: DIVERSIONS, example: 'emergency' })
  diversion?: Diversion;

  @ApiPropertyOptional({ description: 'On `diverted` for an emergency: the number the reporter was told to call.', enum: EMERGENCY_NUMBERS, example: '119' })
  emergencyNumber?: string;
}

/** GET /v1/cases/{id}: the public view of a case, without any personal data. */
export class PublicCaseDto {
  @ApiProperty({ description: 'The case\u2019s id.', format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ description: 'The case\u2019s short tracking code (case-insensitive): GET /v1/track/{code} shows this same view.', example: 'K7M3QX9' })
  trackingCode: string;

  @ApiProperty({ description: 'Where the case stands: within a dispatch round it only moves forward; a re-route after a return or a ruling starts a new round at `dispatched`.', enum: CASE_STATUSES, example: 'dispatched' })
  status: CaseStatus;

  @ApiProperty({ description: 'What kind of problem it is.', type: () => CaseCategoryDto })
  category: CaseCategoryDto;

  @ApiProperty({ description: 'The grid (网格) where the problem is.', type: () => CaseGridDto })
  grid: CaseGridDto;

  @ApiProperty({ description: 'How the case came in.', enum: CHANNELS, example: 'hotline' })
  channel: Channel;

  @ApiProperty({ description: 'The kind of request (咨询, 求助, 投诉, 举报, 建议); null for cases reported before kinds were recorded.', enum: REQUEST_KINDS, type: 'string', nullable: true, example: 'complaint' })
  requestKind: RequestKind | null;

  @ApiProperty({ description: 'How intake answered the case itself, if it did (then it was never dispatched); null otherwise.', type: () => CaseDiversionDto, nullable: true })
  diversion: CaseDiversionDto | null;

  @ApiProperty({ description: 'When intake accepted the case.', format: 'date-time', example: '2026-11-22T08:15:30.123Z' })
  reportedAt: string;

  @ApiProperty({ description: 'When the status last changed.', format: 'date-time', example: '2026-11-22T08:15:30.456Z' })
  updatedAt: string;

  @ApiProperty({
    description: 'How far up the ladder the case is chased now (催办, 督办 by the street or the district, or on the register 挂账); null when it is not.',
    enum: [...SUPERVISION_LEVELS, 'register'],
    nullable: true,
    example: null,
  })
  supervisionLevel: string | null;

  @ApiProperty({ description: 'Every step so far, oldest first.', type: () => TimelineEntryDto, isArray: true })
  timeline: TimelineEntryDto[];
}
