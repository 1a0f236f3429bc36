import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UUID_EXAMPLE } from '@gridwhistle/platform';
import { CaseDeadlinesDto } from '../deadlines/case-deadlines.dto';
import { CASE_ROLES, CaseRole, DEPARTMENT_CASE_STATUSES, DepartmentCaseStatus } from './department-case.entity';

/** A case as the department handling it sees it. */
export class DepartmentCaseDto {
  @ApiProperty({ description: 'The case\u2019s id, the same in every service.', format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({
    description: 'Where your unit is with it; `returned` (your unit gave it back, 退单) and `withdrawn` (a later dispatch no longer names your unit) end your part.',
    enum: DEPARTMENT_CASE_STATUSES,
    example: 'acknowledged',
  })
  status: DepartmentCaseStatus;

  @ApiProperty({ description: 'Your unit\u2019s part: it leads the handling, assists the lead (协办), or is copied for information (抄送).', enum: CASE_ROLES, example: 'lead' })
  role: CaseRole;

  @ApiProperty({ description: 'The dispatch round that gave your unit the case: 1 for the first dispatch, more after a return, re-route or ruling.', example: 1 })
  round: number;

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

  @ApiPropertyOptional({ description: 'Your unit’s deadlines and supervision (督办) in its current round; in the list and the single case view.', type: () => CaseDeadlinesDto })
  deadlines?: CaseDeadlinesDto;
}

/** One page of the department's cases, oldest dispatch first. */
export class CasePageDto {
  @ApiProperty({ description: 'The cases of this page.', type: () => DepartmentCaseDto, isArray: true })
  cases: DepartmentCaseDto[];

  @ApiProperty({
    description: 'Pass it as `after` to get the next page; null on the last page.',
    type: 'string',
    format: 'uuid',
    nullable: true,
    example: UUID_EXAMPLE,
  })
  next: string | null;
}
