import { createHmac, hkdfSync } from 'node:crypto';

/** No 0/O, 1/I/L: nothing a resident reading a code over the phone can mistake. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const TRACKING_CODE_LENGTH = 7;
/** Case numbers up to 2^34 (17 billion) fit in 7 characters of 31 (31^7 ≈ 2.75 × 10^10). */
const HALF_BITS = 17;
const HALF_MASK = (1 << HALF_BITS) - 1;
const ROUNDS = 4;

/**
 * A case's short tracking code, made from its sequence number by a keyed permutation (a
 * four-round Feistel network): unique because the numbers are, yet not guessable from one
 * code to the next, so the codes of other cases cannot be walked through.
 */
export class TrackingCodes {
  private readonly key: Buffer;

  constructor(base64Secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(base64Secret, 'base64'), Buffer.alloc(0), 'gridwhistle/intake/tracking-code', 32));
  }

  codeOf(caseNumber: number): string {
    if (!Number.isSafeInteger(caseNumber) || caseNumber < 0 || caseNumber >= 2 ** (2 * HALF_BITS)) throw new RangeError(`case number ${caseNumber} has no tracking code`);
    let [left, right] = [Math.floor(caseNumber / 2 ** HALF_BITS), caseNumber & HALF_MASK];
    for (let round = 0; round < ROUNDS; round++) [left, right] = [right, left ^ this.round(round, right)];
    let value = left * 2 ** HALF_BITS + right;
    let code = '';
    for (let i = 0; i < TRACKING_CODE_LENGTH; i++, value = Math.floor(value / TRACKING_ALPHABET.length)) code = TRACKING_ALPHABET[value % TRACKING_ALPHABET.length] + code;
    return code;
  }

  /** The case number of a code as a resident may type it (any case, spaces or dashes); undefined for no code. */
  numberOf(typed: string): number | undefined {
    const code = typed.toUpperCase().replace(/[\s-]/g, '');
    if (code.length !== TRACKING_CODE_LENGTH || [...code].some((c) => !TRACKING_ALPHABET.includes(c))) return undefined;
    const value = [...code].reduce((sum, c) => sum * TRACKING_ALPHABET.length + TRACKING_ALPHABET.indexOf(c), 0);
    if (value >= 2 ** (2 * HALF_BITS)) return undefined;
    let [left, right] = [Math.floor(value / 2 ** HALF_BITS), value & HALF_MASK];
    for (let round = ROUNDS - 1; round >= 0; round--) [left, right] = [right ^ this.round(round, left), left];
    return left * 2 ** HALF_BITS + right;
  }

  private round(round: number, half: number): number {
    return createHmac('sha256', this.key).update(`${round}:${half}`).digest().readUInt32BE(0) & HALF_MASK;
  }
}
