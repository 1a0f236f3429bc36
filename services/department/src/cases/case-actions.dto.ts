import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUrl, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CODE_PATTERN } from '@gridwhistle/contracts';
import { IsNotBlank } from '@gridwhistle/platform';
import { IsListCursor } from './case-list.query';
import { MAX_EVIDENCE } from './case-evidence';
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

  @ApiPropertyOptional({ description: 'Only the cases of this category (GET /v1/categories on intake names them).', example: 'manhole_cover' })
  @IsOptional() @Matches(CODE_PATTERN, { message: 'category must be a category code' })
  category?: string;

  @ApiPropertyOptional({ description: 'Only the cases that changed at or after this time (ISO 8601).', format: 'date-time', example: '2026-11-22T08:00:00.000Z' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'updatedSince must be an ISO 8601 date and time' })
  updatedSince?: string;

  @ApiPropertyOptional({ description: 'At most this many cases per page.', type: 'integer', minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt(LIMIT) @Min(1, LIMIT) @Max(200, LIMIT)
  limit = 50;

  @ApiPropertyOptional({
    description: 'The `next` (or `resumeAfter`) of a page before, to get the cases after it.',
    example: 'YzEyMzQ1',
  })
  @IsOptional() @IsListCursor({ message: 'after must be the next or resumeAfter of a page' })
  after?: string;

  @ApiPropertyOptional({ description: 'Only the cases with a deadline your unit still has to meet that has passed (true), or none (false).', type: 'boolean', example: true })
  @IsOptional() @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean({ message: 'overdue must be true or false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'Only the cases whose next deadline falls before this time.', format: 'date-time', example: '2026-11-23T10:00:00.000Z' })
  @IsOptional() @IsDateString({}, { message: 'dueBefore must be a date and time (ISO 8601)' })
  dueBefore?: string;
}

export class EvidenceDto {
  @ApiProperty({ description: 'Where the photo is; https only (a local stack also takes http).', maxLength: 2000, example: 'https://photos.kaizhou.gov.cn/cases/3f1c/after.jpg' })
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' }) @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  url: string;

  @ApiPropertyOptional({ description: 'What the photo shows.', minLength: 1, maxLength: 500, example: '更换后的井盖' })
  @IsOptional() @IsString() @IsNotBlank() @Length(1, 500, { message: 'caption must be 1 to 500 characters' })
  caption?: string;
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

  @ApiPropertyOptional({ description: `Photos of the result (at most ${MAX_EVIDENCE}); the resident and the command centre see them.`, type: () => EvidenceDto, isArray: true, maxItems: MAX_EVIDENCE })
  @IsOptional() @IsArray() @ArrayMaxSize(MAX_EVIDENCE, { message: `evidence must hold at most ${MAX_EVIDENCE} photos` })
  @ValidateNested({ each: true }) @Type(() => EvidenceDto)
  evidence?: EvidenceDto[];
}
