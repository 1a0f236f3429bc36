import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { DEPARTMENT_CASE_STATUSES, DepartmentCaseStatus } from './department-case.entity';

export class ListCasesQueryDto {
  @IsOptional()
  @IsIn(DEPARTMENT_CASE_STATUSES, { message: `status must be one of ${DEPARTMENT_CASE_STATUSES.join(', ')}` })
  status?: DepartmentCaseStatus;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit = 50;

  /** The last case id of the previous page. */
  @IsOptional() @IsUUID('4', { message: 'after must be a case id from the previous page' })
  after?: string;
}

export class ResolveCaseDto {
  @IsString() @Length(1, 2000, { message: 'resolution must say what was done, in 1 to 2000 characters' })
  resolution: string;
}
