import { Directory } from '../directory/directory';
import { UnitDocument } from '../directory/directory.document';
import { CaseFacts, choose, communityRefusal, decide } from './decision.engine';
import { RoutingDecision } from './routing-decision';

export type ManualAction = 'dispatch' | 'arbitrate' | 'reroute';

export interface ManualOrder {
  action: ManualAction;
  leadUnitCode: string;
  assistingUnitCodes: string[];
  operatorCode: string;
  reason: string;
  /** The units that returned the case so far. */
  returnedBy: string[];
}

const RULE = { dispatch: 'manual_dispatch', arbitrate: 'arbitration_ruling', reroute: 'manual_reroute' } as const;

/**
 * The command centre's decision on a case (pure): the units it names, checked against the
 * running directory. Every unit must exist; the negative list and the community lists hold as
 * for routing's own decisions; a unit that returned the case gets it back only by a ruling, and
 * the unit a ruling designates can no longer return it. Answers the decision, or why it is refused.
 */
export function manualDecision(directory: Directory | undefined, facts: CaseFacts, order: ManualOrder): { decision: RoutingDecision } | { refused: string } {
  if (!directory) return { refused: 'no directory version has been published yet' };
  const codes = [order.leadUnitCode, ...order.assistingUnitCodes];
  const unknown = codes.filter((code) => !directory.unit(code));
  if (unknown.length > 0) return { refused: `no unit ${unknown.join(', ')} in directory version ${directory.version}` };
  if (new Set(codes).size !== codes.length) return { refused: 'each unit may be named once: the lead does not also assist' };
  const [lead, ...assistants] = codes.map((code) => directory.unit(code)!);
  const refusal = (unit: UnitDocument, asLead: boolean) => (unit.kind === 'community' ? communityRefusal(directory, facts.categoryCode, asLead) : undefined);
  const refusedCommunity = [lead, ...assistants].find((unit, i) => refusal(unit, i === 0));
  if (refusedCommunity) {
    const why = refusal(refusedCommunity, refusedCommunity === lead) === 'negative_list' ? 'is on the negative list (负面清单)' : 'is not on the list a community handles itself (自治事项)';
    return { refused: `${facts.categoryCode} ${why}: it cannot be given to ${refusedCommunity.code}` };
  }
  const returner = order.action === 'arbitrate' ? undefined : codes.find((code) => order.returnedBy.includes(code));
  if (returner) return { refused: `${returner} returned this case: only an arbitration ruling gives it back` };

  const first = decide(directory, facts);
  return {
    decision: {
      ...first,
      ...choose(directory, facts.gridCode, first.inputs.severity === 'major', lead, assistants),
      outcome: 'dispatched',
      rule: RULE[order.action],
      directoryVersion: directory.version,
      catalogueItem: null,
      basis: null,
      alternatives: [],
      returns: { count: order.returnedBy.length, returnedBy: order.returnedBy },
      operator: { code: order.operatorCode, reason: order.reason },
      returnable: order.action !== 'arbitrate',
    },
  };
}
