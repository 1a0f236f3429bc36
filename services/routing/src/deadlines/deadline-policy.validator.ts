import { DirectoryDocument } from '../directory/directory.document';
import { ClockLength, LengthUnit } from './clock';
import { ClocksDocument } from './deadline-policy.document';

interface Problem {
  path: string;
  reason: string;
}

/** The longest length each unit may state: a deadline months away is a typing mistake, not a policy. */
const AT_MOST: Record<Exclude<LengthUnit, 'nightfall'>, number> = { minutes: 43_200, hours: 720, working_hours: 400, working_days: 60 };
const CLOCKS: (keyof ClocksDocument)[] = ['acknowledge', 'firstContact', 'resolve', 'callback'];

/** A length names a value unless it is nightfall, and stays within AT_MOST. */
export function checkLength(length: ClockLength, path: string): Problem[] {
  if (length.unit === 'nightfall') return length.value === undefined ? [] : [{ path: `${path}.value`, reason: 'nightfall takes no value' }];
  if (length.value === undefined) return [{ path: `${path}.value`, reason: `so many ${length.unit}: the value is missing` }];
  const most = AT_MOST[length.unit];
  return length.value > most ? [{ path: `${path}.value`, reason: `${length.value} ${length.unit} is more than the ${most} a policy may state` }] : [];
}

/** What the shape cannot say of the deadline policies and the supervision rules. */
export function checkDeadlines(document: DirectoryDocument, areaCodes: Set<string>): Problem[] {
  const problems: Problem[] = [];
  document.deadlinePolicies.forEach((policy, i) => {
    const at = `$.deadlinePolicies[${i}]`;
    for (const clock of CLOCKS) problems.push(...checkLength(policy.clocks[clock], `${at}.clocks.${clock}`));
    const seen = new Set<string>();
    (policy.areas ?? []).forEach((override, j) => {
      const path = `${at}.areas[${j}]`;
      if (!areaCodes.has(override.area)) problems.push({ path: `${path}.area`, reason: `unknown area '${override.area}'` });
      if (seen.has(override.area)) problems.push({ path: `${path}.area`, reason: `duplicate override for area '${override.area}'` });
      seen.add(override.area);
      const named = CLOCKS.filter((clock) => override.clocks[clock] !== undefined);
      if (named.length === 0) problems.push({ path: `${path}.clocks`, reason: 'an override names at least one clock' });
      for (const clock of named) problems.push(...checkLength(override.clocks[clock]!, `${path}.clocks.${clock}`));
    });
  });
  const { warnings, ladder, extension, pause, registerReview } = document.supervision;
  warnings.forEach((fraction, i) => {
    if (!(fraction > 0 && fraction < 1)) problems.push({ path: `$.supervision.warnings[${i}]`, reason: `${fraction} is not a fraction between 0 and 1` });
    else if (i > 0 && fraction <= warnings[i - 1]) problems.push({ path: `$.supervision.warnings[${i}]`, reason: 'warnings go in ascending order' });
  });
  for (const level of ['reminder', 'street', 'district'] as const) problems.push(...checkLength(ladder[level], `$.supervision.ladder.${level}`));
  problems.push(...checkLength(extension.automaticAtMost, '$.supervision.extension.automaticAtMost'));
  problems.push(...checkLength(pause.maxLength, '$.supervision.pause.maxLength'));
  problems.push(...checkLength(registerReview, '$.supervision.registerReview'));
  return problems;
}
