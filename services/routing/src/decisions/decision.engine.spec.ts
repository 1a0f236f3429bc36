/* eslint-disable @typescript-eslint/no-explicit-any -- directory documents are changed field by field */
import fc from 'fast-check';
import { Directory } from '../directory/directory';
import { DirectoryDocument } from '../directory/directory.document';
import { validateDirectory } from '../directory/directory.validator';
import { sampleDirectory } from '../directory/sample-directory';
import { decide } from './decision.engine';

const sample = new Directory(1, validateDirectory(sampleDirectory()));
const BINHU = 'kaizhou.hanfeng.binhu.g01';
const PINGQIAO = 'kaizhou.yunfeng.pingqiao.g02';
const codes = (units: { code: string }[]) => units.map((u) => u.code);

describe('the decision engine', () => {
  it("sends a small matter on the community's own list to the community, and tells the grid", () => {
    const decision = decide(sample, { categoryCode: 'neighbour_dispute', gridCode: 'kaizhou.wenfeng.donghua.g02' });
    expect(decision).toMatchObject({
      outcome: 'dispatched',
      rule: 'community_own',
      directoryVersion: 1,
      lead: { code: 'donghua_community', kind: 'community' },
      assistants: [],
      copied: [],
      gridNotified: true,
      respondWithinHours: 12,
      inputs: { categoryCode: 'neighbour_dispute', gridCode: 'kaizhou.wenfeng.donghua.g02', severity: 'minor' },
    });
  });

  it('sends a department matter to the department directly, with its assistants', () => {
    const decision = decide(sample, { categoryCode: 'sewage_dumping', gridCode: PINGQIAO });
    expect(decision).toMatchObject({ rule: 'department_matter', lead: { code: 'water' }, copied: [], gridNotified: false, catalogueItem: 'D013' });
    expect(codes(decision.assistants)).toEqual(['ecology']);
    expect(decision.basis).toMatch(/城镇排水与污水处理条例/);
  });

  it('sends a major matter to every responsible unit at once and copies the street', () => {
    const decision = decide(sample, { categoryCode: 'safety_hazard', gridCode: PINGQIAO });
    expect(decision).toMatchObject({ rule: 'major_matter', lead: { code: 'emergency' }, respondWithinHours: 1 });
    expect(codes(decision.assistants)).toEqual(['housing', 'police']);
    expect(codes(decision.copied)).toEqual(['yunfeng_street']);
  });

  it('copies a case sent to a street to its district', () => {
    const decision = decide(sample, { categoryCode: 'litter', gridCode: BINHU });
    expect(decision).toMatchObject({ rule: 'street_matter', lead: { code: 'hanfeng_street', kind: 'street' } });
    expect(codes(decision.copied)).toEqual(['kaizhou_district']);
    // The entry for the whole city was considered and set aside for the street's own.
    expect(decision.alternatives).toEqual([{ catalogueItem: 'D014', unitCode: 'urban_management', reason: 'less_specific' }]);
  });

  it("takes the area's own catalogue entry over the city's, and records the others as set aside", () => {
    const elsewhere = decide(sample, { categoryCode: 'litter', gridCode: PINGQIAO });
    expect(elsewhere).toMatchObject({ rule: 'department_matter', lead: { code: 'urban_management' }, catalogueItem: 'D014' });
    expect(elsewhere.alternatives).toEqual([{ catalogueItem: 'D015', unitCode: null, reason: 'other_area' }]);
  });

  it('never sends a negative-list item to a community, whatever the catalogue says', () => {
    const document = sampleDirectory();
    const item = document.catalogue.find((i: any) => i.category === 'illegal_construction');
    item.lead = { locality: 'community' };
    item.assisting = [{ unit: 'binhu_community' }, { unit: 'urban_management' }];
    const decision = decide(new Directory(2, document as DirectoryDocument), { categoryCode: 'illegal_construction', gridCode: BINHU });
    expect(decision).toMatchObject({ outcome: 'dispatched', rule: 'street_matter', lead: { code: 'hanfeng_street' }, directoryVersion: 2 });
    expect(codes(decision.assistants)).toEqual(['urban_management']);
    expect(decision.alternatives).toEqual([
      { catalogueItem: item.id, unitCode: 'binhu_community', reason: 'negative_list' },
      { catalogueItem: item.id, unitCode: 'binhu_community', reason: 'negative_list' },
    ]);
  });

  it('holds for triage what it cannot route: an unknown category or grid, or no catalogue entry', () => {
    expect(decide(sample, { categoryCode: 'alien_landing', gridCode: BINHU })).toMatchObject({ outcome: 'awaiting_triage', rule: 'unknown_category', lead: null });
    expect(decide(sample, { categoryCode: 'litter', gridCode: 'kaizhou.hanfeng' })).toMatchObject({ outcome: 'awaiting_triage', rule: 'unknown_grid' });
    const document = sampleDirectory();
    document.catalogue = document.catalogue.filter((i: any) => i.category !== 'elderly_alone');
    expect(decide(new Directory(3, document as DirectoryDocument), { categoryCode: 'elderly_alone', gridCode: BINHU })).toMatchObject({
      outcome: 'awaiting_triage',
      rule: 'no_catalogue_entry',
      inputs: { severity: 'minor' },
    });
  });
});

describe('the decision engine, for any case and any catalogue', () => {
  const document = sampleDirectory();
  const grids = sample.flatAreas().filter((a) => a.level === 'grid').map((a) => a.code);
  const categories = document.categories.map((c: any) => c.code);
  const units = document.units.map((u: any) => u.code);
  const areas = sample.flatAreas().map((a) => a.code);
  const ref = fc.oneof(fc.record({ unit: fc.constantFrom(...units) }), fc.record({ locality: fc.constantFrom('community', 'street') }));
  /** Catalogues and responsibility lists as anyone might write them, never validated: the engine must hold on its own. */
  const anyDirectory = fc
    .record({
      catalogue: fc.array(
        fc.record({ category: fc.constantFrom(...categories), area: fc.option(fc.constantFrom(...areas), { nil: undefined }), lead: ref, assisting: fc.array(ref, { maxLength: 4 }) }),
        { minLength: 1, maxLength: 60 },
      ),
      negative: fc.subarray(categories),
      handles: fc.subarray(categories),
    })
    .map(({ catalogue, negative, handles }) => {
      const spoiled = sampleDirectory();
      spoiled.catalogue = catalogue.map((item, i) => ({ ...item, id: `P${i}`, basis: 'property test' }));
      spoiled.responsibilities = { communityHandles: handles, communityAssists: [], negative };
      return new Directory(7, spoiled as DirectoryDocument);
    });
  /** Intake answers emergencies and matters outside every duty itself: routing only ever sees the other categories. */
  const dispatchable = document.categories.filter((c: any) => !c.emergencyNumber && !c.referral).map((c: any) => c.code);
  const anyCase = fc.record({ categoryCode: fc.constantFrom(...dispatchable), gridCode: fc.constantFrom(...grids) });
  /** A directory and a case, mostly of a category its catalogue has entries for (else most cases would simply await triage). */
  const anyDirectoryAndCase = anyDirectory.chain((directory) =>
    fc.tuple(
      fc.constant(directory),
      fc.record({
        categoryCode: fc.oneof({ arbitrary: fc.constantFrom(...directory.document.catalogue.map((i) => i.category)), weight: 4 }, fc.constantFrom(...categories)),
        gridCode: fc.constantFrom(...grids),
      }),
    ),
  );

  it('gives every case of the sample city exactly one lead, never among its assistants or copies', () => {
    fc.assert(
      fc.property(anyCase, (facts) => {
        const decision = decide(sample, facts);
        expect(decision.outcome).toBe('dispatched');
        expect(decision.lead).not.toBeNull();
        expect(codes([...decision.assistants, ...decision.copied])).not.toContain(decision.lead!.code);
        expect(new Set(codes(decision.assistants)).size).toBe(decision.assistants.length);
      }),
    );
  });

  it('gives every case that has an applicable catalogue entry exactly one lead, in any catalogue', () => {
    fc.assert(
      fc.property(anyDirectoryAndCase, ([directory, facts]) => {
        const decision = decide(directory, facts);
        const applicable = directory.entries(facts.categoryCode).filter((i) => !i.area || directory.gridAndAbove(facts.gridCode).some((a) => a.code === i.area));
        expect(decision.outcome).toBe(applicable.length > 0 ? 'dispatched' : 'awaiting_triage');
        expect(decision.lead === null).toBe(decision.outcome === 'awaiting_triage');
        expect(decision.directoryVersion).toBe(7);
      }),
    );
  });

  it('never sends a negative-list item to a community, nor leaves a community leading what is not its own', () => {
    fc.assert(
      fc.property(anyDirectoryAndCase, ([directory, facts]) => {
        const decision = decide(directory, facts);
        const communities = [decision.lead, ...decision.assistants].filter((u) => u?.kind === 'community');
        if (directory.negativeList.includes(facts.categoryCode)) expect(communities).toEqual([]);
        if (decision.lead?.kind === 'community') expect(directory.communityHandles).toContain(facts.categoryCode);
      }),
      { numRuns: 500 },
    );
  });
});
