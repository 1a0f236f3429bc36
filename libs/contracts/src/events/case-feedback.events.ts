import { IsIn } from 'class-validator';

export const RATINGS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** The resident graded the result (评单). The comment stays with feedback: it may hold personal data. */
export class CaseGradedV1 {
  @IsIn(RATINGS) rating: Rating;
}

/** The case is finished for good (销号 / 结案). */
export class CaseClosedV1 {
  @IsIn(RATINGS) rating: Rating;
}
