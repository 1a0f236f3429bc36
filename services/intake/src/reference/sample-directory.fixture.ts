import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DirectoryCategoryV2, EventEnvelope, createEvent, directoryKey } from '@gridwhistle/contracts';

/* eslint-disable @typescript-eslint/no-explicit-any -- read from JSON */
interface DirectoryArea { code: string; standardCode: string; name: string; level: 'district'; geometry?: any; children?: DirectoryArea[] }

/** For tests: the sample city's directory, as routing's directory.published (v2) carries it to intake. */
export function sampleDirectory(): EventEnvelope<'directory.published'> {
  const document = JSON.parse(readFileSync(join(__dirname, '../../../../deploy/directory/kaizhou.directory.json'), 'utf8'));
  const flat = (area: DirectoryArea, parentCode: string | null): any[] => [
    { code: area.code, standardCode: area.standardCode, name: area.name, level: area.level, parentCode, ...(area.geometry ? { geometry: area.geometry } : {}) },
    ...(area.children ?? []).flatMap((child) => flat(child, area.code)),
  ];
  const categories = document.categories.map(({ deadlinePolicy: _, ...category }: DirectoryCategoryV2 & { deadlinePolicy: string }) => category);
  return createEvent('directory.published', directoryKey(document.city), { city: document.city, version: document.version, areas: flat(document.areas, null), units: [], categories });
}
