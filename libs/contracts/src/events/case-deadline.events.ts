import { IsDateString, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

/** The clocks of a case and unit: 签收, 首次联系, 办结, 回访. */
export const CASE_CLOCKS = ['acknowledge', 'first_contact', 'resolve', 'callback'] as const;
export type CaseClock = (typeof CASE_CLOCKS)[number];
/** The ladder after a missed resolve deadline: a reminder (催办), then supervision (督办) by the street, then by the district. */
export const SUPERVISION_LEVELS = ['reminder', 'street', 'district'] as const;
export type SupervisionLevel = (typeof SUPERVISION_LEVELS)[number];

class ClockEvent {
  @IsIn(CASE_CLOCKS) clock: CaseClock;
  /** The unit whose clock it is. */
  @Matches(CODE_PATTERN) unitCode: string;
  /** 1 for the first handling, one more for each re-handling (重办). */
  @IsInt() @Min(1) round: number;
  @IsDateString() dueAt: string;
}

/** A share of a clock has run (e.g. 50%, 75%) and the work is not done. */
export class CaseDeadlineWarningV1 extends ClockEvent {
  @IsNumber() @Min(0) @Max(1) fraction: number;
}

/** A clock ran out before its work was done. */
export class CaseDeadlineBreachedV1 extends ClockEvent {}

/** A level of the ladder chases the unit; `dueAt` is this level's own deadline. */
export class CaseSupervisedV1 {
  @IsIn(SUPERVISION_LEVELS) level: SupervisionLevel;
  @Matches(CODE_PATTERN) unitCode: string;
  /** The street or district unit that supervises; none for a reminder. */
  @IsOptional() @Matches(CODE_PATTERN) supervisorCode?: string;
  @IsInt() @Min(1) round: number;
  @IsDateString() dueAt: string;
}

/** Unresolved after the whole ladder: on the register of unresolved problems (挂账) until it is reviewed. */
export class CaseRegisteredUnresolvedV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsDateString() reviewAt: string;
}

/** Who decided on an extension: the policy by itself, or an operator of the command centre. */
export const EXTENSION_DECIDERS = ['policy', 'command_centre'] as const;
export type ExtensionDecider = (typeof EXTENSION_DECIDERS)[number];

/** An extension (延期) was granted: the resolve deadline is now `dueAt`. */
export class CaseExtensionGrantedV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsDateString() dueAt: string;
  @IsIn(EXTENSION_DECIDERS) decidedBy: ExtensionDecider;
}

/** An extension beyond the policy waits for the command centre (超出自动延期范围). */
export class CaseExtensionReferredV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsDateString() until: string;
}

/** An extension was refused; the deadline stays. */
export class CaseExtensionRefusedV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsIn(EXTENSION_DECIDERS) decidedBy: ExtensionDecider;
  @IsString() @Length(1, 500) reason: string;
}

/**
 * A pause of the unit's clocks ended: the unit resumed, the policy's bound was reached, or the
 * pause was not allowed at all (too many, or no running clock). `pausedMs` is this pause's length.
 */
export const PAUSE_ENDINGS = ['resumed', 'bound_reached', 'not_allowed'] as const;
export type PauseEnding = (typeof PAUSE_ENDINGS)[number];

export class CaseClockResumedV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsIn(PAUSE_ENDINGS) ending: PauseEnding;
  @IsInt() @Min(0) pausedMs: number;
  /** The resolve deadline after the pause, when a resolve clock runs. */
  @IsOptional() @IsDateString() dueAt?: string;
}

/** A case on the register of unresolved problems (挂账) is due for review; the next review follows at `nextReviewAt`. */
export class CaseRegisterReviewDueV1 {
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
  @IsInt() @Min(1) review: number;
  @IsDateString() nextReviewAt: string;
}
