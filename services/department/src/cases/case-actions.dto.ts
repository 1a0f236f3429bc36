import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsNotBlank } from '@gridwhistle/platform';
import { DEPARTMENT_CASE_STATUSES, DepartmentCaseStatus } from './department-case.entity';

/** One message for every way a limit can be wrong. */
const LIMIT = { message: 'limit must be an integer from 1 to 200' };

export class ListCasesQueryDto {
  @IsOptional()
  @IsIn(DEPARTMENT_CASE_STATUSES, { message: `status must be one of ${DEPARTMENT_CASE_STATUSES.join(', ')}` })
  status?: DepartmentCaseStatus;

  @IsOptional() @Type(() => Number) @IsInt(LIMIT) @Min(1, LIMIT) @Max(200, LIMIT)
  limit = 50;

  /** The last case id of the previous page. */
  @IsOptional() @IsUUID('4', { message: 'after must be a case id from the previous page' })
  after?: string;
}

export class ResolveCaseDto {
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'resolution must say what was done, in 1 to 2000 characters' })
  resolution: string;
}
