import { Evidence } from '@gridwhistle/contracts';
import { Problem, Profile } from '@gridwhistle/platform';

/** At most this many photos per resolution. */
export const MAX_EVIDENCE = 10;

/**
 * In production a photo must be served over HTTPS: the resident and the command centre open it.
 * A local stack may link plain http:// (a developer's own file server).
 */
export function refuseInsecureEvidence(profile: Profile, evidence: Evidence[]): void {
  if (profile !== 'production') return;
  const errors = evidence.flatMap((photo, i) => (photo.url.startsWith('https://') ? [] : [{ field: `evidence.${i}.url`, message: 'evidence url must be https' }]));
  if (errors.length > 0) throw new Problem(400, 'validation-failed', `the request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}`, { errors });
}

/** Whether a repeated resolve carries the photos of the first. */
export function sameEvidence(stored: Evidence[], given: Evidence[]): boolean {
  const key = (photos: Evidence[]) => JSON.stringify(photos.map(({ url, caption }) => [url, caption ?? null]));
  return key(stored) === key(given);
}
