import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The sample city's directory document as the tests read it, a fresh copy each time (tests change it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, spoiled field by field by the tests
export function sampleDirectory(): Record<string, any> {
  return JSON.parse(readFileSync(join(__dirname, '../../../../deploy/directory/kaizhou.directory.json'), 'utf8'));
}
