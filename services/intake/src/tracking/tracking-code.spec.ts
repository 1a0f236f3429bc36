import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { TRACKING_CODE_LENGTH, TrackingCodes } from './tracking-code';

const codes = new TrackingCodes(randomBytes(32).toString('base64'));
const caseNumber = fc.integer({ min: 0, max: 2 ** 34 - 1 });

describe('tracking codes', () => {
  it('give back the case number, however the code is typed', () => {
    fc.assert(fc.property(caseNumber, fc.boolean(), (n, lower) => {
      const code = codes.codeOf(n);
      const typed = lower ? `${code.slice(0, 3)}-${code.slice(3)}`.toLowerCase() : ` ${code} `;
      return codes.numberOf(code) === n && codes.numberOf(typed) === n;
    }), { numRuns: 2000 });
  });

  it('are short, and free of letters that read like digits', () => {
    fc.assert(fc.property(caseNumber, (n) => new RegExp(`^[2-9A-HJKMNP-Z]{${TRACKING_CODE_LENGTH}}$`).test(codes.codeOf(n))));
  });

  it('are unique, and do not follow one another as the case numbers do', () => {
    const consecutive = Array.from({ length: 5000 }, (_, i) => codes.codeOf(i + 1));
    expect(new Set(consecutive).size).toBe(consecutive.length);
    const sharedPrefixes = consecutive.slice(1).filter((code, i) => code.slice(0, 4) === consecutive[i].slice(0, 4)).length;
    expect(sharedPrefixes).toBeLessThan(50);
  });

  it('cannot be made without the secret', () => {
    expect(new TrackingCodes(randomBytes(32).toString('base64')).codeOf(42)).not.toBe(codes.codeOf(42));
  });

  it('refuse what is no code', () => {
    for (const typed of ['', 'ABC', 'ABCDEF0', 'OOOOOOO', 'ZZZZZZZ', 'abcdefgh']) expect(codes.numberOf(typed)).toBeUndefined();
  });
});
