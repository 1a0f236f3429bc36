import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUrl, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

/** The department accepted the dispatch (签收 / 报到). */
export class CaseAcknowledgedV1 {
  @Matches(CODE_PATTERN) departmentCode: string;
}

/** The department finished the work (办结). */
export class CaseResolvedV1 {
  @Matches(CODE_PATTERN) departmentCode: string;
  @IsString() @Length(1, 2000) resolution: string;
}

/** How the lead ended the handling: fixed, or closed as cannot be fixed (never counted as fixed). */
export const RESOLUTION_OUTCOMES = ['fixed', 'cannot_fix'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

/** A photo of the result. Evidence shows the place and the work, not the requester: not personal data. */
export class Evidence {
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }) @MaxLength(2000) url: string;
  @IsOptional() @IsString() @Length(1, 500) caption?: string;
}

/**
 * Version 2 says how the handling ended: `fixed` with the evidence photos, or `cannot_fix` with
 * the reason as `resolution`. A consumer reading version 1 takes it as `fixed` without evidence.
 */
export class CaseResolvedV2 extends CaseResolvedV1 {
  @IsIn(RESOLUTION_OUTCOMES) outcome: ResolutionOutcome;
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => Evidence) evidence: Evidence[];
}
