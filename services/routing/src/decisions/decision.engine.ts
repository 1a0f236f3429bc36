import { CatalogueItemDocument, UnitDocument, UnitRefDocument } from '../directory/directory.document';
import { Directory } from '../directory/directory';
import { Alternative, ChosenUnit, RoutingDecision, RuleCode } from './routing-decision';

export interface CaseFacts {
  categoryCode: string;
  gridCode: string;
}

/**
 * Decides who handles a case, from the directory alone (pure: no clock, no database). The most
 * specific catalogue entry for the case's category and place names the lead and assistants;
 * a community never receives what is on the negative list or off its own lists, whatever the
 * catalogue says: such a lead goes up to the street (属地), such an assistant is dropped.
 */
export function decide(directory: Directory | undefined, facts: CaseFacts): RoutingDecision {
  const category = directory?.category(facts.categoryCode);
  const base: RoutingDecision = {
    directoryVersion: directory?.version ?? null,
    inputs: { ...facts, categoryName: category?.name ?? null, severity: category?.severity ?? null },
    outcome: 'awaiting_triage',
    rule: 'unknown_category',
    catalogueItem: null,
    basis: null,
    lead: null,
    assistants: [],
    copied: [],
    gridNotified: false,
    deadlinePolicy: null,
    returnWithinWorkingDays: null,
    alternatives: [],
  };
  if (!directory) return { ...base, rule: 'no_directory' };
  if (!category) return base;
  const chain = directory.gridAndAbove(facts.gridCode);
  if (chain.length === 0) return { ...base, rule: 'unknown_grid' };

  const alternatives: Alternative[] = [];
  const setAside = (item: CatalogueItemDocument, unitCode: string | null, reason: Alternative['reason']) =>
    alternatives.push({ catalogueItem: item.id, unitCode, reason });
  const { candidates, elsewhere } = applicableEntries(directory, facts);
  elsewhere.forEach((item) => setAside(item, item.lead.unit ?? null, 'other_area'));

  const mayReachCommunity = (asLead: boolean) => communityRefusal(directory, category.code, asLead) === undefined;
  const refuseCommunity = (asLead: boolean) => communityRefusal(directory, category.code, asLead);
  const resolve = (ref: UnitRefDocument) => resolveUnit(directory, facts.gridCode, ref);

  for (const [index, item] of candidates.entries()) {
    let lead = resolve(item.lead);
    if (!lead) {
      setAside(item, item.lead.unit ?? null, 'no_local_unit');
      continue;
    }
    if (lead.kind === 'community' && !mayReachCommunity(true)) {
      setAside(item, lead.code, refuseCommunity(true)!);
      lead = directory.localUnit(facts.gridCode, 'street');
      if (!lead) continue;
    }
    const chosenLead = lead;
    const assistants: UnitDocument[] = [];
    for (const ref of item.assisting) {
      const unit = resolve(ref);
      if (!unit) setAside(item, ref.unit ?? null, 'no_local_unit');
      else if (unit.kind === 'community' && !mayReachCommunity(false)) setAside(item, unit.code, refuseCommunity(false)!);
      else if (unit.code !== chosenLead.code && !assistants.some((a) => a.code === unit.code)) assistants.push(unit);
    }
    candidates.slice(index + 1).forEach((other) => setAside(other, other.lead.unit ?? null, 'less_specific'));
    return {
      ...base,
      outcome: 'dispatched',
      ...choose(directory, facts.gridCode, category.severity === 'major', chosenLead, assistants),
      catalogueItem: item.id,
      basis: item.basis,
      ...deadlines(directory, category.deadlinePolicy),
      alternatives,
    };
  }
  return { ...base, rule: 'no_catalogue_entry', alternatives };
}

/** The catalogue's entries for the case's category that apply to its grid, nearest area first (an entry for no area last), and the others. */
export function applicableEntries(directory: Directory, facts: CaseFacts): { candidates: CatalogueItemDocument[]; elsewhere: CatalogueItemDocument[] } {
  const chain = directory.gridAndAbove(facts.gridCode);
  const depth = (item: CatalogueItemDocument) => (item.area === undefined ? chain.length : chain.findIndex((a) => a.code === item.area));
  const entries = directory.entries(facts.categoryCode);
  return { candidates: entries.filter((item) => depth(item) >= 0).sort((a, b) => depth(a) - depth(b)), elsewhere: entries.filter((item) => depth(item) < 0) };
}

/** The unit a catalogue reference names: the unit itself, or the case's own community or street (属地). */
export function resolveUnit(directory: Directory, gridCode: string, ref: UnitRefDocument): UnitDocument | undefined {
  return ref.unit !== undefined ? directory.unit(ref.unit) : directory.localUnit(gridCode, ref.locality!);
}

/** The response and return windows of the category's deadline policy. */
export function deadlines(directory: Directory, policyCode: string): Pick<RoutingDecision, 'deadlinePolicy' | 'returnWithinWorkingDays'> {
  return { deadlinePolicy: policyCode, returnWithinWorkingDays: directory.policy(policyCode)?.returnWithinWorkingDays ?? null };
}

/**
 * Why a community may not receive a case of this category, as lead or as assistant: nothing on
 * the negative list, and as lead only what is on its own list; undefined when it may.
 */
export function communityRefusal(directory: Directory, categoryCode: string, asLead: boolean): 'negative_list' | 'not_on_community_list' | undefined {
  if (directory.negativeList.includes(categoryCode)) return 'negative_list';
  return asLead && !directory.communityHandles.includes(categoryCode) ? 'not_on_community_list' : undefined;
}

/** The triage rule, and who is copied: the street of a major matter, the district of any street that receives the case. */
export function choose(
  directory: Directory,
  gridCode: string,
  major: boolean,
  lead: UnitDocument,
  assistants: UnitDocument[],
): Pick<RoutingDecision, 'rule' | 'lead' | 'assistants' | 'copied' | 'gridNotified'> {
  const rule: RuleCode = major
    ? 'major_matter'
    : lead.kind === 'community'
      ? 'community_own'
      : lead.kind === 'street'
        ? 'street_matter'
        : 'department_matter';
  const receivers = [lead, ...assistants];
  const copies = [
    ...(major ? [directory.localUnit(gridCode, 'street')] : []),
    ...receivers.filter((unit) => unit.kind === 'street').map((street) => directory.unitAbove(street)),
  ];
  const copied = copies.filter(
    (unit, i): unit is UnitDocument =>
      unit !== undefined && !receivers.some((r) => r.code === unit.code) && copies.findIndex((c) => c?.code === unit.code) === i,
  );
  return { rule, lead: chosen(lead), assistants: assistants.map(chosen), copied: copied.map(chosen), gridNotified: lead.kind === 'community' };
}

const chosen = ({ code, name, kind }: UnitDocument): ChosenUnit => ({ code, name, kind });
