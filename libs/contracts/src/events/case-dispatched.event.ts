import { IsArray, IsBoolean, IsDateString, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

/** Routing assigned the case to a department (派单), with the deadline for acknowledging it. */
export class CaseDispatchedV1 {
  @Matches(CODE_PATTERN) departmentCode: string;
  @IsString() @Length(1, 200) departmentName: string;
  @Matches(CODE_PATTERN) categoryCode: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsString() @Length(1, 2000) description: string;
  @IsDateString() dueAt: string;
}

/**
 * Version 2 names, beside the lead unit (departmentCode: a department, street or community),
 * the units that assist it, the units copied (抄送), and what routing decided it by.
 */
export class CaseDispatchedV2 extends CaseDispatchedV1 {
  @IsArray() @Matches(CODE_PATTERN, { each: true }) assistingUnitCodes: string[];
  @IsArray() @Matches(CODE_PATTERN, { each: true }) copiedUnitCodes: string[];
  @IsBoolean() gridNotified: boolean;
  @Matches(CODE_PATTERN) rule: string;
  @IsInt() @Min(1) directoryVersion: number;
}

/**
 * Version 3 numbers the dispatch: round 1 is the first, and every later decision on the same
 * case (a re-route after a return, a manual dispatch, an arbitration ruling, a command-centre
 * re-route) is the next round. A round replaces the units of every earlier one: a unit held the
 * case in an earlier round and not in this one no longer holds it. `returnable` is false once
 * arbitration has designated the lead, and `returnableUntil` ends the return window (退单时限).
 */
export class CaseDispatchedV3 extends CaseDispatchedV2 {
  @IsInt() @Min(1) round: number;
  @IsBoolean() returnable: boolean;
  @IsOptional() @IsDateString() returnableUntil?: string;
}
