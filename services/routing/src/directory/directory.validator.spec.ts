/* eslint-disable @typescript-eslint/no-explicit-any -- the sample document is spoiled field by field */
import { InvalidDirectoryError, validateDirectory } from './directory.validator';
import { sampleDirectory } from './sample-directory';

/** Every problem the validator reports for a document changed by `change`. */
function problems(change: (document: Record<string, any>) => void): { path: string; reason: string }[] {
  const document = sampleDirectory();
  change(document);
  try {
    validateDirectory(document);
  } catch (error) {
    if (error instanceof InvalidDirectoryError) return error.problems;
    throw error;
  }
  return [];
}

const rect = (w: number, s: number, e: number, n: number) => ({
  type: 'Polygon',
  coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]],
});

describe('the directory validator', () => {
  it('accepts the sample city, which is as big as the issue asks', () => {
    const document = validateDirectory(sampleDirectory());
    const all = (area: any): any[] => [area, ...area.children.flatMap(all)];
    const areas = all(document.areas);
    expect(areas.filter((a) => a.level === 'street').length).toBeGreaterThanOrEqual(3);
    expect(areas.filter((a) => a.level === 'community')).toHaveLength(9);
    expect(areas.filter((a) => a.level === 'grid')).toHaveLength(30);
    expect(document.units.length).toBeGreaterThanOrEqual(12);
    expect(document.catalogue.length).toBeGreaterThanOrEqual(40);
    // The eight disorders (八乱) and DOMAIN.md's examples are in the catalogue.
    const catalogued = new Set(document.catalogue.map((item) => item.category));
    for (const code of ['cooking_fumes', 'sewage_dumping', 'litter', 'piled_materials', 'illegal_parking', 'signboard', 'street_stall', 'tangled_cables',
      'manhole_cover', 'neighbour_dispute', 'illegal_construction', 'elderly_alone', 'road_occupation', 'unlicensed_trading', 'safety_hazard', 'vice_gambling_drugs']) {
      expect(catalogued).toContain(code);
    }
    // Every component class of GB/T 30428 has a category.
    const groups = new Set(document.categories.filter((c) => c.class === 'component').map((c) => c.group));
    expect([...groups].sort()).toEqual(['buildings_land', 'city_appearance', 'greenery', 'public_facilities', 'roads_traffic']);
  });

  it('refuses what is no JSON object', () => {
    expect(() => validateDirectory([])).toThrow(/\$: the directory must be a JSON object/);
  });

  const cases: [string, (d: Record<string, any>) => void, { path: string; reason: RegExp }][] = [
    ['a missing version', (d) => delete d.version, { path: '$.version', reason: /integer/ }],
    ['a bad unit kind', (d) => (d.units[1].kind = 'ministry'), { path: '$.units[1].kind', reason: /one of/ }],
    ['a bad category severity', (d) => (d.categories[0].severity = 'huge'), { path: '$.categories[0].severity', reason: /one of/ }],
    ['a grid code in the wrong style', (d) => (d.areas.children[0].children[0].children[0].standardCode = '12'),
      { path: '$.areas.children[0].children[0].children[0].standardCode', reason: /must match/ }],
    ['a grid under the wrong community prefix', (d) => (d.areas.children[0].children[0].children[0].code = 'kaizhou.hanfeng.ankang.g09'),
      { path: '$.areas.children[0].children[0].children[0].code', reason: /must be 'kaizhou.hanfeng.binhu.' followed by one segment/ }],
    ['a standard code that does not extend its parent', (d) => (d.areas.children[0].children[0].children[0].standardCode = '500154002001001'),
      { path: '$.areas.children[0].children[0].children[0].standardCode', reason: /must be '500154001001' followed by 3 digits/ }],
    ['a community directly under the district', (d) => d.areas.children.push(d.areas.children[0].children.pop()),
      { path: '$.areas.children[3].level', reason: /a district contains streets, not a community/ }],
    ['duplicate area codes', (d) => (d.areas.children[0].children[1].children.push({ ...d.areas.children[0].children[1].children[0] })),
      { path: '$.areas.children[0].children[1].children[3].code', reason: /duplicate area code 'kaizhou.hanfeng.ankang.g01'/ }],
    ['a grid without a polygon', (d) => delete d.areas.children[1].children[0].children[2].geometry,
      { path: '$.areas.children[1].children[0].children[2].geometry', reason: /needs a GeoJSON polygon/ }],
    ['an open ring', (d) => d.areas.children[1].children[0].children[2].geometry.coordinates[0].pop(),
      { path: '$.areas.children[1].children[0].children[2].geometry.coordinates[0]', reason: /not closed/ }],
    ['a ring crossing itself', (d) => {
      const geometry = d.areas.children[1].children[0].children[2].geometry;
      const [[w, s], , [e, n]] = geometry.coordinates[0];
      geometry.coordinates[0] = [[w, s], [e, n], [e, s], [w, s + (n - s) / 3], [w, s]]; // a bow tie
    }, { path: '$.areas.children[1].children[0].children[2].geometry.coordinates[0]', reason: /crosses itself/ }],
    ['overlapping grids', (d) => {
      const [g1, g2] = d.areas.children[0].children[0].children;
      g2.geometry = JSON.parse(JSON.stringify(g1.geometry));
    }, { path: '$.areas.children[0].children[0].children[1].geometry', reason: /'kaizhou.hanfeng.binhu.g02' overlaps 'kaizhou.hanfeng.binhu.g01'/ }],
    ['grids overlapping by a sliver', (d) => {
      const grids = d.areas.children[0].children[0].children;
      const [w, s] = grids[0].geometry.coordinates[0][0];
      const [e, n] = grids[0].geometry.coordinates[0][2];
      grids[0].geometry = rect(w, s, e + 0.0005, n);
    }, { path: '$.areas.children[0].children[0].children[1].geometry', reason: /overlaps 'kaizhou.hanfeng.binhu.g01'/ }],
    ['grids that leave a gap in their community', (d) => {
      const grids = d.areas.children[0].children[0].children;
      const [w, s] = grids[0].geometry.coordinates[0][0];
      const [e, n] = grids[0].geometry.coordinates[0][2];
      grids[0].geometry = rect(w, s, e - 0.0005, n);
    }, { path: '$.areas.children[0].children[0].children', reason: /do not tile it/ }],
    ['a grid outside its community', (d) => {
      const grid = d.areas.children[0].children[0].children[0];
      grid.geometry.coordinates[0] = grid.geometry.coordinates[0].map(([x, y]: number[]) => [x, y + 0.05]);
    }, { path: '$.areas.children[0].children[0].children[0].geometry', reason: /reaches outside its community/ }],
    ['overlapping communities', (d) => {
      d.areas.children[0].children[1].geometry = JSON.parse(JSON.stringify(d.areas.children[0].children[0].geometry));
    }, { path: '$.areas.children[0].children[1].geometry', reason: /'kaizhou.hanfeng.ankang' overlaps 'kaizhou.hanfeng.binhu'/ }],
    ['duplicate unit codes', (d) => d.units.push({ ...d.units[1] }), { path: '$.units[21].code', reason: /duplicate unit code 'urban_management'/ }],
    ['a street unit for an unknown area', (d) => (d.units.find((u: any) => u.kind === 'street').areaCode = 'kaizhou.nowhere'),
      { path: '$.units[9].areaCode', reason: /unknown area 'kaizhou.nowhere'/ }],
    ['a community left without a unit', (d) => (d.units = d.units.filter((u: any) => u.code !== 'binhu_community')),
      { path: '$.areas.children[0].children[0]', reason: /no unit answers for community 'kaizhou.hanfeng.binhu'/ }],
    ['an unknown deadline policy', (d) => (d.categories[2].deadlinePolicy = 'whenever'), { path: '$.categories[2].deadlinePolicy', reason: /unknown deadline policy 'whenever'/ }],
    ['duplicate category codes', (d) => d.categories.push({ ...d.categories[0] }), { path: '$.categories[47].code', reason: /duplicate category code 'manhole_cover'/ }],
    ['an emergency the catalogue dispatches', (d) => (d.categories[0].emergencyNumber = '119'),
      { path: '$.categories[0]', reason: /'manhole_cover' is an emergency: intake answers it, so the catalogue must not dispatch it/ }],
    ['an emergency number that is none', (d) => (d.categories[42].emergencyNumber = '999'), { path: '$.categories[42].emergencyNumber', reason: /emergencyNumber/ }],
    ['a matter outside every duty the catalogue dispatches', (d) => (d.categories[1].referral = '请到别处'),
      { path: '$.categories[1]', reason: /'street_light' is outside every unit\u2019s duty/ }],
    ['an answer to what is no consultation', (d) => (d.categories[0].answer = '答复'), { path: '$.categories[0].answer', reason: /only a consultation has an answer/ }],
    ['a list field without values', (d) => delete d.categories[0].fields[0].values, { path: '$.categories[0].fields[0].values', reason: /a list field needs its values/ }],
    ['duplicate field codes', (d) => d.categories[0].fields.push({ ...d.categories[0].fields[1] }),
      { path: '$.categories[0].fields[2].code', reason: /duplicate field code 'nearest_building'/ }],
    ['a catalogue lead that is an unknown unit', (d) => (d.catalogue[0].lead = { unit: 'city_hall' }), { path: '$.catalogue[0].lead.unit', reason: /unknown unit 'city_hall'/ }],
    ['an unknown assisting unit', (d) => d.catalogue[0].assisting.push({ unit: 'fire_brigade' }), { path: '$.catalogue[0].assisting[0].unit', reason: /unknown unit 'fire_brigade'/ }],
    ['a lead naming a unit and a locality', (d) => (d.catalogue[0].lead.locality = 'street'), { path: '$.catalogue[0].lead', reason: /either a unit or a locality/ }],
    ['a catalogue entry for an unknown category', (d) => (d.catalogue[0].category = 'alien_landing'), { path: '$.catalogue[0].category', reason: /unknown category 'alien_landing'/ }],
    ['a catalogue entry for an unknown area', (d) => (d.catalogue[0].area = 'kaizhou.atlantis'), { path: '$.catalogue[0].area', reason: /unknown area 'kaizhou.atlantis'/ }],
    ['duplicate catalogue ids', (d) => (d.catalogue[1].id = d.catalogue[0].id), { path: '$.catalogue[1].id', reason: /duplicate catalogue item id 'D001'/ }],
    ['two entries for one category and area', (d) => d.catalogue.push({ ...d.catalogue[0], id: 'X1' }),
      { path: '$.catalogue[45]', reason: /duplicate catalogue entry for 'manhole_cover in every area'/ }],
    ['a negative-list item sent to the community', (d) => {
      const item = d.catalogue.find((i: any) => i.category === 'illegal_construction');
      item.lead = { locality: 'community' };
    }, { path: '$.catalogue[24].lead', reason: /'illegal_construction' is on the negative list \(负面清单\): it must never be sent to a community/ }],
    ['a negative-list item sent to a named community', (d) => {
      d.catalogue.find((i: any) => i.category === 'food_safety').assisting.push({ unit: 'binhu_community' });
    }, { path: '$.catalogue[33].assisting[0]', reason: /on the negative list/ }],
    ['a community leading what is not on its own list', (d) => (d.catalogue[0].lead = { locality: 'community' }),
      { path: '$.catalogue[0].lead', reason: /'manhole_cover' is not on the list a community handles itself/ }],
    ['a community assisting with what is on no community list', (d) => d.catalogue[0].assisting.push({ locality: 'community' }),
      { path: '$.catalogue[0].assisting[0]', reason: /'manhole_cover' is on no community list/ }],
    ['a category both on the negative list and a community list', (d) => d.responsibilities.negative.push('neighbour_dispute'),
      { path: '$.responsibilities.negative', reason: /'neighbour_dispute' is on the negative list and on a community list/ }],
    ['an unknown category on a responsibility list', (d) => d.responsibilities.communityAssists.push('moon_dust'),
      { path: '$.responsibilities.communityAssists[6]', reason: /unknown category 'moon_dust'/ }],
    ['a time zone that does not exist', (d) => (d.calendar.timeZone = 'Asia/Atlantis'), { path: '$.calendar.timeZone', reason: /unknown time zone/ }],
    ['a time zone with summer time', (d) => (d.calendar.timeZone = 'Europe/Berlin'), { path: '$.calendar.timeZone', reason: /changes its UTC offset/ }],
    ['working hours that end before they start', (d) => (d.calendar.workingHours[1] = { from: '14:00', to: '13:00' }),
      { path: '$.calendar.workingHours[1]', reason: /'13:00' is not after '14:00'/ }],
    ['overlapping working hours', (d) => (d.calendar.workingHours[1].from = '11:00'), { path: '$.calendar.workingHours[1].from', reason: /before the stretch before it ends/ }],
    ['a time of day that is none', (d) => (d.calendar.nightfall.dueSameDayAt = '25:00'), { path: '$.calendar.nightfall.dueSameDayAt', reason: /must match/ }],
    ['a nightfall due before the report', (d) => (d.calendar.nightfall.dueSameDayAt = '16:00'), { path: '$.calendar.nightfall.dueSameDayAt', reason: /due before it was reported/ }],
    ['a holiday that is no date', (d) => (d.calendar.years[0].holidays[0].to = '2026-02-30'), { path: '$.calendar.years[0].holidays[0].to', reason: /'2026-02-30' is no date/ }],
    ['a holiday in another year', (d) => (d.calendar.years[0].holidays[0].from = '2025-12-31'), { path: '$.calendar.years[0].holidays[0].from', reason: /not in 2026/ }],
    ['a holiday ending before it starts', (d) => (d.calendar.years[0].holidays[1].to = '2026-02-01'), { path: '$.calendar.years[0].holidays[1].to', reason: /before '2026-02-15'/ }],
    ['overlapping holidays', (d) => (d.calendar.years[0].holidays[2].from = '2026-02-23'), { path: '$.calendar.years[0].holidays[2]', reason: /overlaps another holiday/ }],
    ['a make-up working day on a weekday', (d) => d.calendar.years[0].workingDays.push('2026-03-04'), { path: '$.calendar.years[0].workingDays[6]', reason: /a weekday already/ }],
    ['a make-up working day that is a holiday', (d) => d.calendar.years[0].workingDays.push('2026-02-21'), { path: '$.calendar.years[0].workingDays[6]', reason: /is a holiday too/ }],
    ['a year listed twice', (d) => d.calendar.years.push({ ...d.calendar.years[0] }), { path: '$.calendar.years[2].year', reason: /duplicate year 2026/ }],
    ['a year without its source', (d) => delete d.calendar.years[1].source, { path: '$.calendar.years[1].source', reason: /string/ }],
    ['a clock in an unknown unit', (d) => (d.deadlinePolicies[0].clocks.resolve.unit = 'fortnights'), { path: '$.deadlinePolicies[0].clocks.resolve.unit', reason: /one of/ }],
    ['a clock without its value', (d) => delete d.deadlinePolicies[0].clocks.acknowledge.value, { path: '$.deadlinePolicies[0].clocks.acknowledge.value', reason: /value is missing/ }],
    ['a nightfall clock with a value', (d) => (d.deadlinePolicies[0].clocks.resolve = { unit: 'nightfall', value: 3 }), { path: '$.deadlinePolicies[0].clocks.resolve.value', reason: /nightfall takes no value/ }],
    ['a clock of zero length', (d) => (d.deadlinePolicies[0].clocks.callback.value = 0), { path: '$.deadlinePolicies[0].clocks.callback.value', reason: /not be less than 1/ }],
    ['a clock months long', (d) => (d.deadlinePolicies[0].clocks.resolve = { unit: 'working_days', value: 400 }), { path: '$.deadlinePolicies[0].clocks.resolve.value', reason: /more than the 60/ }],
    ['a policy missing a clock', (d) => delete d.deadlinePolicies[1].clocks.firstContact, { path: '$.deadlinePolicies[1].clocks.firstContact', reason: /./ }],
    ['an area override for an unknown area', (d) => (d.deadlinePolicies[4].areas[0].area = 'kaizhou.atlantis'), { path: '$.deadlinePolicies[4].areas[0].area', reason: /unknown area/ }],
    ['an area override that overrides nothing', (d) => (d.deadlinePolicies[4].areas[0].clocks = {}), { path: '$.deadlinePolicies[4].areas[0].clocks', reason: /at least one clock/ }],
    ['warnings out of order', (d) => (d.supervision.warnings = [0.75, 0.5]), { path: '$.supervision.warnings[1]', reason: /ascending/ }],
    ['a warning at the breach', (d) => (d.supervision.warnings = [0.5, 1]), { path: '$.supervision.warnings[1]', reason: /between 0 and 1/ }],
    ['a ladder level without a value', (d) => delete d.supervision.ladder.street.value, { path: '$.supervision.ladder.street.value', reason: /value is missing/ }],
    ['no register review', (d) => delete d.supervision.registerReview, { path: '$.supervision.registerReview', reason: /./ }],
  ];

  it.each(cases)('refuses %s, naming the path and the reason', (_name, change, expected) => {
    expect(problems(change)).toContainEqual({ path: expected.path, reason: expect.stringMatching(expected.reason) });
  });
});

describe('the directory validator, on returns (退单)', () => {
  it('refuses a return window that is missing, negative or fractional, and accepts none at all (0)', () => {
    const missing = problems((d) => delete d.deadlinePolicies[0].returnWithinWorkingDays);
    expect(missing.map((p) => p.path)).toEqual(['$.deadlinePolicies[0].returnWithinWorkingDays', '$.deadlinePolicies[0].returnWithinWorkingDays']);
    expect(missing.map((p) => p.reason).sort()).toEqual(['returnWithinWorkingDays must be an integer number', 'returnWithinWorkingDays must not be less than 0']);
    expect(problems((d) => (d.deadlinePolicies[1].returnWithinWorkingDays = -1))).toEqual([
      { path: '$.deadlinePolicies[1].returnWithinWorkingDays', reason: expect.stringContaining('not be less than 0') },
    ]);
    expect(problems((d) => (d.deadlinePolicies[1].returnWithinWorkingDays = 1.5))).toEqual([
      { path: '$.deadlinePolicies[1].returnWithinWorkingDays', reason: expect.stringContaining('integer') },
    ]);
    expect(problems((d) => (d.deadlinePolicies[1].returnWithinWorkingDays = 0))).toEqual([]);
  });

  it('refuses a directory without the number of returns before arbitration, or with one below 1', () => {
    expect(problems((d) => delete d.returns)).toEqual([expect.objectContaining({ path: '$.returns' })]);
    expect(problems((d) => (d.returns.arbitrateAfterReturns = 0))).toEqual([
      { path: '$.returns.arbitrateAfterReturns', reason: expect.stringContaining('not be less than 1') },
    ]);
    const text = problems((d) => (d.returns.arbitrateAfterReturns = '2'));
    expect(text.map((p) => p.path)).toEqual(['$.returns.arbitrateAfterReturns', '$.returns.arbitrateAfterReturns']);
    expect(text.map((p) => p.reason).sort()).toEqual(['arbitrateAfterReturns must be an integer number', 'arbitrateAfterReturns must not be less than 1']);
  });
});
