import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsNotBlank, UUID_EXAMPLE } from '@gridwhistle/platform';
import { DEPARTMENT_CASE_STATUSES, DepartmentCaseStatus } from './department-case.entity';

/** One message for every way a limit can be wrong. */
const LIMIT = { message: 'limit must be an integer from 1 to 200' };

export class ListCasesQueryDto {
  @ApiPropertyOptional({ description: 'Only the cases with this status; all of them if absent.', enum: DEPARTMENT_CASE_STATUSES, example: 'dispatched' })
  @IsOptional()
  @IsIn(DEPARTMENT_CASE_STATUSES, { message: `status must be one of ${DEPARTMENT_CASE_STATUSES.join(', ')}` })
  status?: DepartmentCaseStatus;

  @ApiPropertyOptional({ description: 'At most this many cases per page.', type: 'integer', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt(LIMIT) @Min(1, LIMIT) @Max(200, LIMIT)
  limit = 50;

  /** The last case id of the previous page. */
  @ApiPropertyOptional({ description: 'The `next` of the previous page, to get the page after it.', format: 'uuid', example: UUID_EXAMPLE })
  @IsOptional() @IsUUID('4', { message: 'after must be a case id from the previous page' })
  after?: string;

  @ApiPropertyOptional({ description: 'Only the cases with a deadline your unit still has to meet that has passed (true), or none (false).', type: 'boolean', example: true })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only the cases whose next deadline falls before this time.', format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  @IsOptional() @IsDateString({}, { message: 'dueBefore must be a date and time (ISO 8601)' })
  dueBefore?: string;
}

export class ResolveCaseDto {
  @ApiProperty({ description: 'What was done (办结情况): the resident is called back about it.', minLength: 1, maxLength: 2000, example: '已安装新井盖并设置警示标志' })
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'resolution must say what was done, in 1 to 2000 characters' })
  resolution: string;
}
