import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RATINGS, RESOLUTION_OUTCOMES, RETURN_REASONS, Rating, ResolutionOutcome, ReturnReason } from '@gridwhistle/contracts';
import { EvidenceDto } from './case-actions.dto';
import { UUID_EXAMPLE } from '@gridwhistle/platform';
import { CaseDeadlinesDto } from '../deadlines/case-deadlines.dto';
import { CASE_ROLES, CaseRole, DEPARTMENT_CASE_STATUSES, DepartmentCaseStatus } from './department-case.entity';

/** A case as the department handling it sees it. */
export class DepartmentCaseDto {
  @ApiProperty({ description: 'The case\u2019s id, the same in every service.', format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ description: 'The case\u2019s version for your unit, raised by every change; the `ETag` header carries it, for `If-Match`.', example: 3 })
  version: number;

  @ApiProperty({
    description: 'Where your unit is with it; `unfixable` (the lead closed it as cannot be fixed) is its own outcome, never counted as fixed; `returned` (your unit gave it back, 退单) and `withdrawn` (a later dispatch no longer names your unit) end your part.',
    enum: DEPARTMENT_CASE_STATUSES,
    example: 'acknowledged',
  })
  status: DepartmentCaseStatus;

  @ApiProperty({ description: 'Your unit\u2019s part: it leads the handling, assists the lead (协办), or is copied for information (抄送).', enum: CASE_ROLES, example: 'lead' })
  role: CaseRole;

  @ApiProperty({ description: 'The dispatch round that gave your unit the case: 1 for the first dispatch, more after a return, re-route or ruling.', example: 1 })
  round: number;

  @ApiProperty({ description: 'How often the resident\u2019s answer sent the case back for re-handling (重办); 0 if never.', example: 0 })
  reopenCount: number;

  @ApiProperty({ description: 'The supervision level (督办) of the current round: one higher with each reopening.', example: 0 })
  supervisionLevel: number;

  @ApiProperty({ description: 'The category code (GET /v1/categories on intake names them).', example: 'manhole_cover' })
  category: string;

  @ApiProperty({ description: 'The grid (网格) where the problem is.', example: 'kaizhou.hanfeng.binhu.g01' })
  gridCode: string;

  @ApiProperty({ description: 'The problem as reported.', example: '滨湖社区3栋门口井盖缺失，夜间有行人跌落风险' })
  description: string;

  @ApiProperty({ description: 'When the case was dispatched to the department (派单).', format: 'date-time', example: '2026-11-22T08:15:30.456Z' })
  dispatchedAt: string;

  @ApiProperty({ description: 'By when the department is to resolve it.', format: 'date-time', example: '2026-11-22T10:15:30.456Z' })
  dueAt: string;

  @ApiProperty({ description: 'When the department acknowledged it (签收), or null.', type: 'string', format: 'date-time', nullable: true, example: '2026-11-22T08:20:00.000Z' })
  acknowledgedAt: string | null;

  @ApiProperty({ description: 'When the department resolved it (办结), or null.', type: 'string', format: 'date-time', nullable: true, example: null })
  resolvedAt: string | null;

  @ApiProperty({ description: 'What was done, once resolved; null before.', type: 'string', nullable: true, example: null })
  resolution: string | null;

  @ApiProperty({
    description: 'How the lead ended the handling: `fixed` (resolved) or `cannot_fix`; null before. It stays once the case is closed.',
    enum: RESOLUTION_OUTCOMES,
    nullable: true,
    example: null,
  })
  outcome: ResolutionOutcome | null;

  @ApiProperty({ description: 'Photos of the result the lead resolved with; empty before.', type: () => EvidenceDto, isArray: true })
  evidence: EvidenceDto[];

  @ApiProperty({
    description: 'Whether the dispatch lets your unit, as its lead, give the case back (退单); false for a unit designated by the command centre\u2019s ruling.',
    example: true,
  })
  returnable: boolean;

  @ApiProperty({ description: 'Until when it may (退单时限); null when it may not, or when the dispatch set no end.', type: 'string', format: 'date-time', nullable: true, example: '2026-11-24T08:15:30.456Z' })
  returnableUntil: string | null;

  @ApiProperty({ description: 'Why your unit returned it, once returned; null before.', enum: RETURN_REASONS, nullable: true, example: null })
  returnReason: ReturnReason | null;

  @ApiProperty({ description: 'The resident\u2019s rating once graded (评单), or null.', enum: RATINGS, nullable: true, example: null })
  rating: Rating | null;

  @ApiProperty({ description: 'When the resident graded it, or null.', type: 'string', format: 'date-time', nullable: true, example: null })
  gradedAt: string | null;

  @ApiProperty({ description: 'When your unit\u2019s case last changed.', format: 'date-time', example: '2026-11-22T08:20:00.000Z' })
  updatedAt: string;

  @ApiPropertyOptional({ description: 'Your unit’s deadlines and supervision (督办) in its current round; in the list and the single case view.', type: () => CaseDeadlinesDto })
  deadlines?: CaseDeadlinesDto;
}

/** One page of the department's cases, in the order they last changed. */
export class CasePageDto {
  @ApiProperty({ description: 'The cases of this page.', type: () => DepartmentCaseDto, isArray: true })
  cases: DepartmentCaseDto[];

  @ApiProperty({
    description:
'Pass it as `after` to get the next page; null on the last page.',
    type: 'string',
    nullable: true,
    example: 'YzEyMzQ1',
  })
  next: string | null;

  @ApiProperty({
    description:
      'Where this page ends, also on the last page: pass it as `after` later to get just the cases that changed since (a case that changes comes again). ' +
      'Null when the page is empty and no `after` was given.',
    type: 'string',
    nullable: true,
    example: 'YzEyMzQ1',
  })
  resumeAfter: string | null;
}
