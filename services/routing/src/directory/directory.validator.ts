import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AREA_LEVELS, AreaDocument, CategoryDocument, DirectoryDocument, UnitRefDocument } from './directory.document';
import { Ring, overlap, ringArea, simpleRingProblem, within } from './directory.geometry';
import { checkCalendar } from '../calendar/business-calendar.validator';
import { checkDeadlines } from '../deadlines/deadline-policy.validator';

/** One reason a directory is refused, with where in the document it is. */
export interface DirectoryProblem {
  path: string;
  reason: string;
}

export class InvalidDirectoryError extends Error {
  constructor(readonly problems: DirectoryProblem[]) {
    super(`directory refused: ${problems.map((p) => `${p.path}: ${p.reason}`).join('; ')}`);
  }
}

/**
 * Checks a whole directory document before it may take effect: its shape, then that its parts
 * agree (codes unique and known, the area tree and its grid codes, polygons that tile each
 * community without overlapping, a catalogue that obeys the responsibility lists, the business
 * calendar and the deadline policies).
 * Returns the document, typed, or throws InvalidDirectoryError with every problem found.
 */
export function validateDirectory(input: unknown): DirectoryDocument {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidDirectoryError([{ path: '$', reason: 'the directory must be a JSON object' }]);
  }
  const document = plainToInstance(DirectoryDocument, input);
  const shape = flatten(validateSync(document, { forbidUnknownValues: true }), '$');
  if (shape.length > 0) throw new InvalidDirectoryError(shape);
  const problems = [
    ...checkAreas(document.areas),
    ...checkUnits(document),
    ...checkCategories(document),
    ...checkCatalogue(document),
    ...checkCalendar(document.calendar),
    ...checkDeadlines(document, new Set(placedAreas(document.areas).map((p) => p.area.code))),
  ];
  if (problems.length > 0) throw new InvalidDirectoryError(problems);
  return document;
}

function flatten(errors: ValidationError[], path: string): DirectoryProblem[] {
  return errors.flatMap((error) => {
    const here = /^\d+$/.test(error.property) ? `${path}[${error.property}]` : `${path}.${error.property}`;
    return [
      ...Object.values(error.constraints ?? {}).map((reason) => ({ path: here, reason })),
      ...flatten(error.children ?? [], here),
    ];
  });
}

interface PlacedArea {
  area: AreaDocument;
  path: string;
}

/** Every area with its path in the document, depth first. */
function placedAreas(root: AreaDocument, path = '$.areas'): PlacedArea[] {
  return [{ area: root, path }, ...(root.children ?? []).flatMap((child, i) => placedAreas(child, `${path}.children[${i}]`))];
}

function checkAreas(root: AreaDocument): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const problem = (path: string, reason: string) => problems.push({ path, reason });
  if (root.level !== 'district') problem('$.areas.level', 'the root area must be a district');
  if (!/^\d{6}$/.test(root.standardCode)) problem('$.areas.standardCode', 'a district has a 6-digit code');
  const walk = (area: AreaDocument, path: string) =>
    area.children.forEach((child, i) => {
      const at = `${path}.children[${i}]`;
      const expected = AREA_LEVELS[AREA_LEVELS.indexOf(area.level) + 1];
      if (child.level !== expected) problem(`${at}.level`, `a ${area.level} contains ${expected ? `${expected}s` : 'nothing'}, not a ${child.level}`);
      if (!child.code.startsWith(`${area.code}.`) || child.code.slice(area.code.length + 1).includes('.')) {
        problem(`${at}.code`, `'${child.code}' must be '${area.code}.' followed by one segment`);
      }
      if (!new RegExp(`^${area.standardCode}\\d{3}$`).test(child.standardCode)) {
        problem(`${at}.standardCode`, `'${child.standardCode}' must be '${area.standardCode}' followed by 3 digits`);
      }
      walk(child, at);
    });
  walk(root, '$.areas');
  const placed = placedAreas(root);
  problems.push(...duplicates(placed.map((p) => ({ path: `${p.path}.code`, key: p.area.code })), 'area code'));
  problems.push(...duplicates(placed.map((p) => ({ path: `${p.path}.standardCode`, key: p.area.standardCode })), 'standard area code'));

  const communities = placed.filter((p) => p.area.level === 'community');
  for (const { area, path } of placed.filter((p) => p.area.level === 'community' || p.area.level === 'grid')) {
    if (!area.geometry) problem(`${path}.geometry`, `a ${area.level} needs a GeoJSON polygon`);
    else if (area.geometry.coordinates.length !== 1) problem(`${path}.geometry.coordinates`, 'one outer ring, no holes');
    else {
      const reason = simpleRingProblem(area.geometry.coordinates[0]);
      if (reason) problem(`${path}.geometry.coordinates[0]`, reason);
    }
  }
  if (problems.length > 0) return problems;
  const ring = (area: AreaDocument) => area.geometry!.coordinates[0] as Ring;
  problems.push(...overlaps(communities));
  for (const { area, path } of communities) {
    if (area.children.length === 0) problem(`${path}.children`, 'a community has at least one grid');
    const grids = area.children.map((grid, i) => ({ area: grid, path: `${path}.children[${i}]` }));
    for (const grid of grids) {
      if (!within(ring(grid.area), ring(area))) problem(`${grid.path}.geometry`, `grid '${grid.area.code}' reaches outside its community '${area.code}'`);
    }
    const found = overlaps(grids);
    problems.push(...found);
    const covered = grids.reduce((sum, grid) => sum + ringArea(ring(grid.area)), 0);
    if (found.length === 0 && grids.length > 0 && Math.abs(covered - ringArea(ring(area))) > ringArea(ring(area)) * 1e-6) {
      problem(`${path}.children`, `the grids of '${area.code}' do not tile it (they cover ${((covered / ringArea(ring(area))) * 100).toFixed(2)}% of it)`);
    }
  }
  return problems;
}

function overlaps(areas: PlacedArea[]): DirectoryProblem[] {
  const ring = (area: AreaDocument) => area.geometry!.coordinates[0] as Ring;
  const problems: DirectoryProblem[] = [];
  areas.forEach((a, i) =>
    areas.slice(i + 1).forEach((b) => {
      if (overlap(ring(a.area), ring(b.area))) problems.push({ path: `${b.path}.geometry`, reason: `'${b.area.code}' overlaps '${a.area.code}'` });
    }),
  );
  return problems;
}

function checkUnits(document: DirectoryDocument): DirectoryProblem[] {
  const areas = new Map(placedAreas(document.areas).map((p) => [p.area.code, p.area]));
  const problems = duplicates(document.units.map((u, i) => ({ path: `$.units[${i}].code`, key: u.code })), 'unit code');
  document.units.forEach((unit, i) => {
    const path = `$.units[${i}].areaCode`;
    if (unit.kind === 'department') {
      if (unit.areaCode) problems.push({ path, reason: 'a department answers for no single area' });
      return;
    }
    const area = unit.areaCode ? areas.get(unit.areaCode) : undefined;
    if (!area) problems.push({ path, reason: `a ${unit.kind} unit needs the code of its area${unit.areaCode ? `: unknown area '${unit.areaCode}'` : ''}` });
    else if (area.level !== unit.kind) problems.push({ path, reason: `'${area.code}' is a ${area.level}, not a ${unit.kind}` });
  });
  problems.push(...duplicates(document.units.flatMap((u, i) => (u.areaCode ? [{ path: `$.units[${i}].areaCode`, key: u.areaCode }] : [])), 'unit for area'));
  for (const { area, path } of placedAreas(document.areas).filter((p) => p.area.level !== 'grid')) {
    if (!document.units.some((u) => u.areaCode === area.code)) problems.push({ path, reason: `no unit answers for ${area.level} '${area.code}'` });
  }
  return problems;
}

function checkCategories(document: DirectoryDocument): DirectoryProblem[] {
  const policies = new Set(document.deadlinePolicies.map((p) => p.code));
  return [
    ...duplicates(document.categories.map((c, i) => ({ path: `$.categories[${i}].code`, key: c.code })), 'category code'),
    ...duplicates(document.deadlinePolicies.map((p, i) => ({ path: `$.deadlinePolicies[${i}].code`, key: p.code })), 'deadline policy code'),
    ...document.categories.flatMap((c, i) =>
      policies.has(c.deadlinePolicy) ? [] : [{ path: `$.categories[${i}].deadlinePolicy`, reason: `unknown deadline policy '${c.deadlinePolicy}'` }],
    ),
    ...document.categories.flatMap((c, i) => checkIntakeAnswers(document, c, `$.categories[${i}]`)),
  ];
}

/**
 * What intake answers itself is never dispatched: an emergency or a matter outside every
 * unit's duty has no catalogue entry; only a consultation has an answer; field codes are unique.
 */
function checkIntakeAnswers(document: DirectoryDocument, category: CategoryDocument, path: string): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  if (category.emergencyNumber && category.referral) problems.push({ path, reason: 'an emergency is not also outside every unit\u2019s duty: give emergencyNumber or referral' });
  const diverted = category.emergencyNumber ? 'an emergency' : category.referral ? 'outside every unit\u2019s duty' : undefined;
  if (diverted && document.catalogue.some((item) => item.category === category.code)) {
    problems.push({ path, reason: `'${category.code}' is ${diverted}: intake answers it, so the catalogue must not dispatch it` });
  }
  if (category.answer && category.requestKind !== 'consultation') problems.push({ path: `${path}.answer`, reason: 'only a consultation has an answer' });
  problems.push(...duplicates((category.fields ?? []).map((f, j) => ({ path: `${path}.fields[${j}].code`, key: f.code })), 'field code'));
  (category.fields ?? []).forEach((field, j) => {
    const list = field.datatype === 'singlevaluelist' || field.datatype === 'multivaluelist';
    if (list !== Boolean(field.values?.length)) problems.push({ path: `${path}.fields[${j}].values`, reason: list ? 'a list field needs its values' : 'only a list field has values' });
  });
  return problems;
}

function checkCatalogue(document: DirectoryDocument): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const categories = new Set(document.categories.map((c) => c.code));
  const areas = new Set(placedAreas(document.areas).map((p) => p.area.code));
  const units = new Map(document.units.map((u) => [u.code, u]));
  const { communityHandles, communityAssists, negative } = document.responsibilities;
  const lists = { communityHandles, communityAssists, negative };
  for (const [name, codes] of Object.entries(lists)) {
    codes.forEach((code, i) => {
      if (!categories.has(code)) problems.push({ path: `$.responsibilities.${name}[${i}]`, reason: `unknown category '${code}'` });
    });
  }
  const onBoth = (a: string[], b: string[], path: string, what: string) =>
    a.filter((code) => b.includes(code)).forEach((code) => problems.push({ path, reason: `'${code}' is ${what}` }));
  onBoth(communityHandles, communityAssists, '$.responsibilities.communityAssists', 'also on the list a community handles itself');
  onBoth(negative, [...communityHandles, ...communityAssists], '$.responsibilities.negative', 'on the negative list and on a community list');

  problems.push(...duplicates(document.catalogue.map((item, i) => ({ path: `$.catalogue[${i}].id`, key: item.id })), 'catalogue item id'));
  problems.push(
    ...duplicates(
      document.catalogue.map((item, i) => ({ path: `$.catalogue[${i}]`, key: `${item.category} in ${item.area ?? 'every area'}` })),
      'catalogue entry for',
    ),
  );
  const isCommunity = (ref: UnitRefDocument) => ref.locality === 'community' || units.get(ref.unit ?? '')?.kind === 'community';
  document.catalogue.forEach((item, i) => {
    const path = `$.catalogue[${i}]`;
    if (!categories.has(item.category)) problems.push({ path: `${path}.category`, reason: `unknown category '${item.category}'` });
    if (item.area !== undefined && !areas.has(item.area)) problems.push({ path: `${path}.area`, reason: `unknown area '${item.area}'` });
    const refs = [{ ref: item.lead, at: `${path}.lead` }, ...item.assisting.map((ref, j) => ({ ref, at: `${path}.assisting[${j}]` }))];
    for (const { ref, at } of refs) {
      if ((ref.unit === undefined) === (ref.locality === undefined)) problems.push({ path: at, reason: 'name either a unit or a locality' });
      else if (ref.unit !== undefined && !units.has(ref.unit)) problems.push({ path: `${at}.unit`, reason: `unknown unit '${ref.unit}'` });
    }
    const key = (ref: UnitRefDocument) => ref.unit ?? `@${ref.locality}`;
    if (item.assisting.some((ref) => key(ref) === key(item.lead))) problems.push({ path: `${path}.assisting`, reason: 'the lead unit cannot also assist' });
    problems.push(...duplicates(item.assisting.map((ref, j) => ({ path: `${path}.assisting[${j}]`, key: key(ref) })), 'assisting unit'));
    if (negative.includes(item.category)) {
      refs.filter(({ ref }) => isCommunity(ref)).forEach(({ at }) =>
        problems.push({ path: at, reason: `'${item.category}' is on the negative list (负面清单): it must never be sent to a community` }),
      );
      return;
    }
    if (isCommunity(item.lead) && !communityHandles.includes(item.category)) {
      problems.push({ path: `${path}.lead`, reason: `'${item.category}' is not on the list a community handles itself (自治事项)` });
    }
    item.assisting.forEach((ref, j) => {
      if (isCommunity(ref) && !communityHandles.includes(item.category) && !communityAssists.includes(item.category)) {
        problems.push({ path: `${path}.assisting[${j}]`, reason: `'${item.category}' is on no community list (自治事项, 协助事项)` });
      }
    });
  });
  return problems;
}

function duplicates(entries: { path: string; key: string }[], what: string): DirectoryProblem[] {
  const seen = new Set<string>();
  return entries.flatMap(({ path, key }) => {
    if (seen.has(key)) return [{ path, reason: `duplicate ${what} '${key}'` }];
    seen.add(key);
    return [];
  });
}
