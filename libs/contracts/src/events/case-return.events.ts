import { IsArray, IsIn, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

/**
 * Why a unit gives a case back (退单). `jurisdiction_dispute` says units disagree on whose duty
 * it is: such a return goes to the command centre for arbitration at once.
 */
export const RETURN_REASONS = ['not_our_duty', 'wrong_area', 'duplicate', 'insufficient_information', 'jurisdiction_dispute'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];

/** The lead unit of a dispatch round returned the case (退单), with its reason and the basis for it. */
export class CaseReturnedV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsIn(RETURN_REASONS) reasonCode: ReturnReason;
  @IsString() @Length(1, 2000) basis: string;
}

/** An assisting unit reported its part of a joint case to the lead (协办反馈). */
export class CaseAssistantReportedV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsString() @Length(1, 2000) report: string;
}

/** Why a case waits for the command centre's ruling. */
export const ARBITRATION_REASONS = ['return_limit', 'jurisdiction_dispute', 'no_candidate_left'] as const;
export type ArbitrationReason = (typeof ARBITRATION_REASONS)[number];

/**
 * Routing holds the case for the command centre to arbitrate (争议裁定): it was returned too
 * often, units dispute whose it is, or no unit is left to send it to. The ruling follows as a
 * case.dispatched whose lead may no longer return it.
 */
export class CaseArbitrationRequiredV1 {
  @IsIn(ARBITRATION_REASONS) reason: ArbitrationReason;
  @IsInt() @Min(0) returns: number;
  @IsArray() @Matches(CODE_PATTERN, { each: true }) returnedBy: string[];
}
