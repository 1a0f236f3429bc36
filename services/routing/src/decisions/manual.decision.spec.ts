import fc from 'fast-check';
import { categories, grids, sample } from './decision.arbitraries';
import { ManualAction, manualDecision } from './manual.decision';

const order = (action: ManualAction, leadUnitCode: string, more: { assisting?: string[]; returnedBy?: string[] } = {}) => ({
  action,
  leadUnitCode,
  assistingUnitCodes: more.assisting ?? [],
  operatorCode: 'command_centre',
  reason: '经会商确定',
  returnedBy: more.returnedBy ?? [],
});
const PINGQIAO = 'kaizhou.yunfeng.pingqiao.g02';

describe("the command centre's decisions", () => {
  it('refuses unknown units, a community on the negative list, and a returner without a ruling', () => {
    const facts = { categoryCode: 'illegal_construction', gridCode: PINGQIAO };
    expect(manualDecision(sample, facts, order('dispatch', 'no_such_unit'))).toEqual({ refused: expect.stringContaining('no unit no_such_unit') });
    expect(manualDecision(sample, facts, order('reroute', 'pingqiao_community'))).toEqual({ refused: expect.stringContaining('negative list') });
    expect(manualDecision(sample, facts, order('reroute', 'urban_management', { assisting: ['pingqiao_community'] }))).toEqual({
      refused: expect.stringContaining('negative list'),
    });
    expect(manualDecision(sample, facts, order('reroute', 'urban_management', { returnedBy: ['urban_management'] }))).toEqual({
      refused: expect.stringContaining('only an arbitration ruling'),
    });
    expect(manualDecision(undefined, facts, order('dispatch', 'urban_management'))).toEqual({ refused: expect.stringContaining('no directory') });
  });

  it('lets a ruling give the case back to a unit that returned it, which may then not return it', () => {
    const ruling = manualDecision(sample, { categoryCode: 'sewage_dumping', gridCode: PINGQIAO }, order('arbitrate', 'water', { returnedBy: ['water', 'ecology'] }));
    expect(ruling).toEqual({
      decision: expect.objectContaining({ rule: 'arbitration_ruling', lead: expect.objectContaining({ code: 'water' }), returnable: false, operator: { code: 'command_centre', reason: '经会商确定' } }),
    });
  });

  it('ends every ruling with the designated unit leading, unless the lists forbid it', () => {
    const units = sample.document.units.map((u) => u.code);
    fc.assert(
      fc.property(fc.constantFrom(...categories), fc.constantFrom(...grids), fc.constantFrom(...units), fc.subarray(units), (categoryCode, gridCode, unit, returnedBy) => {
        const answer = manualDecision(sample, { categoryCode, gridCode }, order('arbitrate', unit, { returnedBy }));
        const community = sample.unit(unit)!.kind === 'community';
        const forbidden = community && (sample.negativeList.includes(categoryCode) || !sample.communityHandles.includes(categoryCode));
        if (forbidden) expect(answer).toEqual({ refused: expect.any(String) });
        else {
          expect('decision' in answer && answer.decision).toMatchObject({ outcome: 'dispatched', lead: { code: unit }, returnable: false });
          if ('decision' in answer) expect(answer.decision.copied.map((u) => u.code)).not.toContain(unit);
        }
      }),
      { numRuns: 300 },
    );
  });
});
