import fc from 'fast-check';
import { RETURN_REASONS } from '@gridwhistle/contracts';
import { Directory } from '../directory/directory';
import { anyDirectoryAndCase, sample } from './decision.arbitraries';
import { decide } from './decision.engine';
import { reroute } from './reroute.engine';

const PINGQIAO = 'kaizhou.yunfeng.pingqiao.g02';
const BINHU = 'kaizhou.hanfeng.binhu.g01';
const returnedBy = (...units: string[]) => ({ returnedBy: units, count: units.length, reasonCode: 'not_our_duty' as const });
const codes = (units: { code: string }[]) => units.map((u) => u.code);

describe('re-routing a returned case', () => {
  it("sends it to the catalogue entry's next unit, with the entry's other units assisting", () => {
    // D013: water leads sewage dumping, ecology assists; water returned it.
    const decision = reroute(sample, { categoryCode: 'sewage_dumping', gridCode: PINGQIAO }, returnedBy('water'));
    expect(decision).toMatchObject({ outcome: 'dispatched', rule: 'next_candidate', lead: { code: 'ecology' }, catalogueItem: 'D013', returns: { count: 1, returnedBy: ['water'] } });
    expect(codes(decision.assistants)).toEqual([]);
    expect(decision.alternatives).toEqual([{ catalogueItem: 'D013', unitCode: 'water', reason: 'returned' }]);
  });

  it("goes to the entry's other units before the less specific entries", () => {
    // Litter in Hanfeng: the street's own entry (D015), then the city's (D014: urban management).
    const street = reroute(sample, { categoryCode: 'litter', gridCode: BINHU }, returnedBy('hanfeng_street'));
    expect(street).toMatchObject({ rule: 'next_candidate', lead: { code: 'urban_management' }, catalogueItem: 'D015' });
  });

  it('falls back to the street when the catalogue names no one else, and copies its district', () => {
    const document = JSON.parse(JSON.stringify(sample.document));
    document.returns.arbitrateAfterReturns = 5;
    const patient = new Directory(2, document);
    const decision = reroute(patient, { categoryCode: 'sewage_dumping', gridCode: PINGQIAO }, returnedBy('water', 'ecology'));
    expect(decision).toMatchObject({ outcome: 'dispatched', rule: 'locality_fallback', lead: { code: 'yunfeng_street' }, catalogueItem: null });
    expect(codes(decision.copied)).toEqual(['kaizhou_district']);
    const none = reroute(patient, { categoryCode: 'sewage_dumping', gridCode: PINGQIAO }, returnedBy('water', 'ecology', 'yunfeng_street'));
    expect(none).toMatchObject({ outcome: 'awaiting_arbitration', rule: 'no_candidate_left', lead: null });
  });

  it("goes to the command centre after the directory's number of returns, or at once on a dispute of duty", () => {
    expect(reroute(sample, { categoryCode: 'sewage_dumping', gridCode: PINGQIAO }, returnedBy('water', 'ecology'))).toMatchObject({
      outcome: 'awaiting_arbitration',
      rule: 'return_limit',
      returns: { count: 2, returnedBy: ['water', 'ecology'] },
    });
    expect(reroute(sample, { categoryCode: 'sewage_dumping', gridCode: PINGQIAO }, { ...returnedBy('water'), reasonCode: 'jurisdiction_dispute' })).toMatchObject({
      outcome: 'awaiting_arbitration',
      rule: 'jurisdiction_dispute',
    });
  });
});

describe('re-routing, for any case, catalogue and returns', () => {
  /** A directory and a case, with some of the units its first decision named returning it. */
  const anyReturn = anyDirectoryAndCase.chain(([directory, facts]) => {
    const first = decide(directory, facts);
    const named = [first.lead, ...first.assistants, ...first.copied].filter((u) => u !== null).map((u) => u.code);
    const units = directory.document.units.map((u) => u.code);
    return fc.record({
      directory: fc.constant(directory),
      facts: fc.constant(facts),
      returners: fc.uniqueArray(fc.oneof(fc.constantFrom(...(named.length > 0 ? named : units)), fc.constantFrom(...units)), { minLength: 1, maxLength: 4 }),
      reasonCode: fc.constantFrom(...RETURN_REASONS),
    });
  });

  it('never sends the case back to a unit that returned it, as lead or assistant', () => {
    fc.assert(
      fc.property(anyReturn, ({ directory, facts, returners, reasonCode }) => {
        const decision = reroute(directory, facts, { returnedBy: returners, count: returners.length, reasonCode });
        expect(codes([decision.lead ?? { code: '' }, ...decision.assistants]).filter((code) => returners.includes(code))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the case exactly one lead, or holds it for a ruling with the reason, never both', () => {
    fc.assert(
      fc.property(anyReturn, ({ directory, facts, returners, reasonCode }) => {
        const decision = reroute(directory, facts, { returnedBy: returners, count: returners.length, reasonCode });
        expect(decision.outcome === 'dispatched').toBe(decision.lead !== null);
        if (decision.lead) expect(codes([...decision.assistants, ...decision.copied])).not.toContain(decision.lead.code);
        else expect(['return_limit', 'jurisdiction_dispute', 'no_candidate_left']).toContain(decision.rule);
        if (reasonCode === 'jurisdiction_dispute') expect(decision.rule).toBe('jurisdiction_dispute');
        else if (returners.length >= directory.arbitrateAfterReturns) expect(decision.rule).toBe('return_limit');
        expect(decision.returns).toEqual({ count: returners.length, returnedBy: returners });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the negative list and the community lists on every re-route', () => {
    fc.assert(
      fc.property(anyReturn, ({ directory, facts, returners }) => {
        const decision = reroute(directory, facts, { returnedBy: returners, count: 1, reasonCode: 'not_our_duty' });
        const communities = [decision.lead, ...decision.assistants].filter((u) => u?.kind === 'community');
        if (directory.negativeList.includes(facts.categoryCode)) expect(communities).toEqual([]);
        if (decision.lead?.kind === 'community') expect(directory.communityHandles).toContain(facts.categoryCode);
      }),
      { numRuns: 300 },
    );
  });
});
