import { ReturnReason } from '@gridwhistle/contracts';
import { Directory } from '../directory/directory';
import { UnitDocument } from '../directory/directory.document';
import { CaseFacts, applicableEntries, choose, communityRefusal, decide, resolveUnit } from './decision.engine';
import { Alternative, RoutingDecision } from './routing-decision';

/** The returns of a case so far, the latest included. */
export interface ReturnHistory {
  /** Every unit that returned the case, oldest first. */
  returnedBy: string[];
  /** How many returns there were (a unit given the case again by a ruling may not return it, so this is returnedBy's length). */
  count: number;
  /** The latest return's reason. */
  reasonCode: ReturnReason;
}

/**
 * Where a returned case (退单) goes next, from the directory alone (pure). A dispute of duty, or
 * the directory's number of returns reached, goes to the command centre for a ruling. Else the
 * next unit the catalogue names for the case (the applicable entries, most specific first, each
 * entry's lead before its assistants), then the case's own street (属地), skipping every unit that
 * returned it and every community the responsibility lists keep out; with none left, the command
 * centre again. A returner is never chosen: only a ruling gives a case back to it.
 */
export function reroute(directory: Directory | undefined, facts: CaseFacts, history: ReturnHistory): RoutingDecision {
  const first = decide(directory, facts);
  const returns = { count: history.count, returnedBy: history.returnedBy };
  const arbitrate = (rule: 'return_limit' | 'jurisdiction_dispute' | 'no_candidate_left', alternatives: Alternative[] = []): RoutingDecision => ({
    ...first,
    outcome: 'awaiting_arbitration',
    rule,
    catalogueItem: null,
    basis: null,
    lead: null,
    assistants: [],
    copied: [],
    gridNotified: false,
    alternatives,
    returns,
  });
  if (history.reasonCode === 'jurisdiction_dispute') return arbitrate('jurisdiction_dispute');
  if (!directory) return arbitrate('no_candidate_left');
  if (history.count >= directory.arbitrateAfterReturns) return arbitrate('return_limit');
  if (first.outcome !== 'dispatched') return arbitrate('no_candidate_left');

  const returners = new Set(history.returnedBy);
  const alternatives: Alternative[] = [];
  const eligible = (unit: UnitDocument | undefined, asLead: boolean, catalogueItem: string): unit is UnitDocument => {
    if (!unit) return false;
    const refusal = unit.kind === 'community' ? communityRefusal(directory, facts.categoryCode, asLead) : undefined;
    const reason = refusal ?? (returners.has(unit.code) ? 'returned' : undefined);
    if (reason && asLead) alternatives.push({ catalogueItem, unitCode: unit.code, reason });
    return reason === undefined;
  };
  const major = first.inputs.severity === 'major';
  for (const item of applicableEntries(directory, facts).candidates) {
    const named = [item.lead, ...item.assisting].map((ref) => resolveUnit(directory, facts.gridCode, ref));
    const lead = named.find((unit) => eligible(unit, true, item.id));
    if (!lead) continue;
    const assistants = named.filter(
      (unit, i): unit is UnitDocument =>
        unit !== undefined && unit.code !== lead.code && named.findIndex((u) => u?.code === unit.code) === i && !returners.has(unit.code) &&
        (unit.kind !== 'community' || communityRefusal(directory, facts.categoryCode, false) === undefined),
    );
    return { ...first, ...choose(directory, facts.gridCode, major, lead, assistants), rule: 'next_candidate', catalogueItem: item.id, basis: item.basis, alternatives, returns };
  }
  const street = directory.localUnit(facts.gridCode, 'street');
  if (street && eligible(street, true, 'locality')) {
    return { ...first, ...choose(directory, facts.gridCode, major, street, []), rule: 'locality_fallback', catalogueItem: null, basis: null, alternatives, returns };
  }
  return arbitrate('no_candidate_left', alternatives);
}
