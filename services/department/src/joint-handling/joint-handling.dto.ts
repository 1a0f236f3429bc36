import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsNotBlank } from '@gridwhistle/platform';
import { DEPARTMENT_CASE_STATUSES, DepartmentCaseStatus } from '../cases/department-case.entity';
import { DepartmentCaseDto } from '../cases/department-case.dto';

export class AssistantReportDto {
  @ApiProperty({ description: 'What your unit did as its part of the joint case (协办情况), for the lead unit.', minLength: 1, maxLength: 2000, example: '已对危房周边设置警戒线并疏散住户12户' })
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'report must say what your unit did, in 1 to 2000 characters' })
  report: string;
}

/** One assisting unit's part of a joint case, as the lead sees it. */
export class AssistantPartDto {
  @ApiProperty({ description: 'The assisting unit\u2019s code.', example: 'emergency' })
  unitCode: string;

  @ApiProperty({ description: 'The unit\u2019s name from the directory; its code when the directory does not name it (yet).', example: '区应急管理局' })
  unitName: string;

  @ApiProperty({ description: 'Where the assistant is with its part: `resolved` once it reported it.', enum: DEPARTMENT_CASE_STATUSES, example: 'resolved' })
  status: DepartmentCaseStatus;

  @ApiProperty({ description: 'When it acknowledged its part, or null.', type: 'string', format: 'date-time', nullable: true, example: '2026-11-22T08:20:00.000Z' })
  acknowledgedAt: string | null;

  @ApiProperty({ description: 'Its report to the lead, or null before it reported.', type: 'string', nullable: true, example: '已设置警戒线' })
  report: string | null;

  @ApiProperty({ description: 'When it reported, or null.', type: 'string', format: 'date-time', nullable: true, example: '2026-11-22T09:00:00.000Z' })
  reportedAt: string | null;

  @ApiProperty({ description: 'By when it is to report its part: the deadline of the dispatch that named it.', format: 'date-time', example: '2026-11-22T10:15:30.456Z' })
  dueAt: string;

  @ApiProperty({ description: 'Whether it reported after its deadline, or has not reported and the deadline passed.', example: false })
  late: boolean;
}

/** A case as one unit sees it; the lead also sees its assistants' parts. */
export class JointCaseDto extends DepartmentCaseDto {
  @ApiPropertyOptional({
    description: 'Only for the lead: each assisting unit of the current round and its part (协办反馈). Empty when the case has no assistants.',
    type: () => AssistantPartDto,
    isArray: true,
  })
  assistants?: AssistantPartDto[];

  @ApiPropertyOptional({
    description: 'Only for the lead: why it resolved the case before every assistant reported, or null.',
    type: 'string',
    nullable: true,
    example: null,
  })
  withoutAssistantsReason?: string | null;

  @ApiPropertyOptional({ description: 'Only for the lead: the assistants it resolved without waiting for.', type: 'string', isArray: true, example: [] })
  assistantsPendingAtResolution?: string[];
}
