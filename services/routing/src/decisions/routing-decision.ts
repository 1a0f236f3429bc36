import { Severity, UnitKind } from '../directory/directory.document';

/** The rule a decision followed; stable codes, explained in words by routing-explanation.ts. */
export const RULES = [
  'community_own',
  'department_matter',
  'street_matter',
  'major_matter',
  'unknown_category',
  'unknown_grid',
  'no_catalogue_entry',
  'no_directory',
  // A return (退单) sends the case to the next unit, or to the command centre.
  'next_candidate',
  'locality_fallback',
  'return_limit',
  'jurisdiction_dispute',
  'no_candidate_left',
  // The command centre's own decisions.
  'manual_dispatch',
  'arbitration_ruling',
  'manual_reroute',
] as const;
export type RuleCode = (typeof RULES)[number];

/** Why a catalogue entry or unit was considered and not taken. */
export type SetAsideReason = 'other_area' | 'less_specific' | 'no_local_unit' | 'negative_list' | 'not_on_community_list' | 'returned';

export const OUTCOMES = ['dispatched', 'awaiting_triage', 'awaiting_arbitration'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ChosenUnit {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface Alternative {
  /** The catalogue entry, and the unit it named where it named one. */
  catalogueItem: string;
  unitCode: string | null;
  reason: SetAsideReason;
}

/** What routing decided for one case and why: kept for every decision, explained on request. */
export interface RoutingDecision {
  /** Null only when no directory version had been published yet. */
  directoryVersion: number | null;
  inputs: { categoryCode: string; gridCode: string; categoryName: string | null; severity: Severity | null };
  outcome: Outcome;
  rule: RuleCode;
  catalogueItem: string | null;
  basis: string | null;
  lead: ChosenUnit | null;
  assistants: ChosenUnit[];
  /** Units told of the case (抄送) without handling it: the street of a major matter, the district of a street. */
  copied: ChosenUnit[];
  /** The grid's worker is told of a matter the community handles itself. */
  gridNotified: boolean;
  /** The deadline policy of the case's category, whose clocks start with the dispatch. */
  deadlinePolicy: string | null;
  /** The category's return window (退单时限); absent in decisions recorded before returns existed. */
  returnWithinWorkingDays?: number | null;
  alternatives: Alternative[];
  /** The units that returned the case before this decision, oldest first, and how many returns there were. */
  returns?: { count: number; returnedBy: string[] };
  /** The command centre's decision: who decided and why. */
  operator?: { code: string; reason: string };
  /** False once a ruling designated the lead: it may not return the case. */
  returnable?: boolean;
}
