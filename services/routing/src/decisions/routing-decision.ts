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
] as const;
export type RuleCode = (typeof RULES)[number];

/** Why a catalogue entry or unit was considered and not taken. */
export type SetAsideReason = 'other_area' | 'less_specific' | 'no_local_unit' | 'negative_list' | 'not_on_community_list';

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
  outcome: 'dispatched' | 'awaiting_triage';
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
  alternatives: Alternative[];
}
