import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsNotBlank, UUID_EXAMPLE } from '@gridwhistle/platform';
import { CASE_ROLES, CaseRole, DEPARTMENT_CASE_STATUSES, DepartmentCaseStatus } from './department-case.entity';

/** One message for every way a limit can be wrong. */
const LIMIT = { message: 'limit must be an integer from 1 to 200' };

export class ListCasesQueryDto {
  @ApiPropertyOptional({ description: 'Only the cases with this status; all of them if absent.', enum: DEPARTMENT_CASE_STATUSES, example: 'dispatched' })
  @IsOptional()
  @IsIn(DEPARTMENT_CASE_STATUSES, { message: `status must be one of ${DEPARTMENT_CASE_STATUSES.join(', ')}` })
  status?: DepartmentCaseStatus;

  @ApiPropertyOptional({ description: 'Only the cases your unit holds in this role: leading, assisting (协办) or copied (抄送); all of them if absent.', enum: CASE_ROLES, example: 'assistant' })
  @IsOptional()
  @IsIn(CASE_ROLES, { message: `role must be one of ${CASE_ROLES.join(', ')}` })
  role?: CaseRole;

  @ApiPropertyOptional({ description: 'At most this many cases per page.', type: 'integer', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt(LIMIT) @Min(1, LIMIT) @Max(200, LIMIT)
  limit = 50;

  /** The last case id of the previous page. */
  @ApiPropertyOptional({ description: 'The `next` of the previous page, to get the page after it.', format: 'uuid', example: UUID_EXAMPLE })
  @IsOptional() @IsUUID('4', { message: 'after must be a case id from the previous page' })
  after?: string;
}

export class ResolveCaseDto {
  @ApiProperty({ description: 'What was done (办结情况): the resident is called back about it.', minLength: 1, maxLength: 2000, example: '已安装新井盖并设置警示标志' })
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'resolution must say what was done, in 1 to 2000 characters' })
  resolution: string;

  @ApiPropertyOptional({
    description:
      'Only for the lead of a joint case whose assistants have not all reported their part: why it resolves without waiting for them. ' +
      'It is recorded with the assistants still pending and shown on the case; ignored when every assistant has reported.',
    minLength: 1,
    maxLength: 2000,
    example: '应急局协办部分已由现场联合处置完成，书面反馈另行补交',
  })
  @IsOptional() @IsString() @IsNotBlank() @Length(1, 2000, { message: 'withoutAssistantsReason must say why, in 1 to 2000 characters' })
  withoutAssistantsReason?: string;
}
