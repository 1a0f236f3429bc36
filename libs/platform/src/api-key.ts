import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys are 192 random bits, so a fast hash is enough to store them safely (no
 * dictionary to attack); only the hash is kept.
 */
export function generateApiKey(prefix: string): string {
  return `gw_${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function hashApiKey(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}
