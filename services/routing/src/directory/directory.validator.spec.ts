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
  ];

  it.each(cases)('refuses %s, naming the path and the reason', (_name, change, expected) => {
    expect(problems(change)).toContainEqual({ path: expected.path, reason: expect.stringMatching(expected.reason) });
  });
});
