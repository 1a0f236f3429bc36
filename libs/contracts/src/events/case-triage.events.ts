import { IsIn, Matches } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

/** Why routing could not dispatch a case by itself. */
export const TRIAGE_REASONS = ['no_route'] as const;
export type TriageReason = (typeof TRIAGE_REASONS)[number];

/**
 * Routing could not dispatch the case and holds it for a person at the command centre to
 * triage (待人工分拨). It is dispatched later, with a case.dispatched, once it has a route.
 */
export class CaseTriageRequiredV1 {
  @Matches(CODE_PATTERN) categoryCode: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsIn(TRIAGE_REASONS) reason: TriageReason;
}
