import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sample city's directory document as the tests read it, a fresh copy each time (tests change it). */
export function sampleDirectory(): Record<string, any> {
  return JSON.parse(readFileSync(join(__dirname, '../../../../deploy/directory/kaizhou.directory.json'), 'utf8'));
}
