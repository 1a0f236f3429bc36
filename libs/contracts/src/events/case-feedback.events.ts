import { IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';
import { FEEDBACK_LINK_NONCE } from '../feedback-link';

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/**
 * What an answer amounts to. "Solved but unsatisfied" and "satisfied but not solved" are
 * outcomes of their own: both send the case back (重办), and they are counted apart.
 */
export const GRADED_OUTCOMES = ['solved_satisfied', 'solved_unsatisfied', 'unsolved_satisfied', 'unsolved_unsatisfied'] as const;
export type GradedOutcome = (typeof GRADED_OUTCOMES)[number];

/** How a case ended: graded solved and satisfied, or nobody answered within the policy's window. */
export const CLOSING_OUTCOMES = ['solved_satisfied', 'no_feedback'] as const;
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];

/** The resident graded the result (评单). The comment stays with feedback: it may hold personal data. */
export class CaseGradedV1 {
  @IsIn(RATINGS) rating: Rating;
}

/**
 * Version 2 carries the answer whole: whether the problem was solved besides the satisfaction,
 * the outcome they make together, and the handling round graded (0 = before any reopening).
 */
export class CaseGradedV2 extends CaseGradedV1 {
  @IsBoolean() solved: boolean;
  @IsIn(GRADED_OUTCOMES) outcome: GradedOutcome;
  @IsInt() @Min(0) reopenCount: number;
}

/** The case is finished for good (销号 / 结案). */
export class CaseClosedV1 {
  @IsIn(RATINGS) rating: Rating;
}

/**
 * Version 2 closes a case without a rating too: nobody answered in time (`no_feedback`,
 * counted apart from graded cases).
 */
export class CaseClosedV2 {
  @IsIn(CLOSING_OUTCOMES) outcome: ClosingOutcome;
  @IsOptional() @IsIn(RATINGS) rating?: Rating;
  @IsInt() @Min(0) reopenCount: number;
}

/**
 * The answer sends the case back to its lead unit for re-handling (重办), with supervision
 * (督办) one level higher: new clocks start, the lead and its assistants work on it again.
 */
export class CaseReopenedV1 {
  @Matches(CODE_PATTERN) leadUnitCode: string;
  @IsIn(GRADED_OUTCOMES) outcome: GradedOutcome;
  /** How many times the case has now been reopened (1 = the first time). */
  @IsInt() @Min(1) reopenCount: number;
  /** The supervision level of the new round: one higher than the round graded. */
  @IsInt() @Min(1) supervisionLevel: number;
  @IsString() @Length(1, 64) policyVersion: string;
}

/**
 * The case was sent back as often as the policy allows: instead of another reopening it goes to
 * the command centre (arbitration or the 挂账 register of unresolved problems).
 */
export class CaseReopenLimitReachedV1 {
  @Matches(CODE_PATTERN) leadUnitCode: string;
  @IsIn(GRADED_OUTCOMES) outcome: GradedOutcome;
  @IsInt() @Min(0) reopenCount: number;
  @IsInt() @Min(0) reopenLimit: number;
  @IsString() @Length(1, 64) policyVersion: string;
}

/**
 * Feedback asks the resident of a web or app case for an answer through a link. The event holds
 * no personal data and no secret: intake, which alone holds the contact, builds the signed link
 * from these fields with the key both services are configured with (FEEDBACK_LINK_KEY) and
 * sends it. The nonce makes the link single-use; without the key it is worthless.
 */
export class CaseFeedbackRequestedV1 {
  @IsString() @Matches(FEEDBACK_LINK_NONCE) nonce: string;
  @IsDateString() expiresAt: string;
}
