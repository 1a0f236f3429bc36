import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { RequesterHash } from './requester-hash';

describe('requester hash', () => {
  const hash = new RequesterHash(randomBytes(32).toString('base64'));
  const mobile = fc.stringMatching(/^1[3-9][0-9]{9}$/);

  it('is the same for a number however it is written', () => {
    fc.assert(fc.property(mobile, (phone) => {
      const written = [`+86 ${phone}`, `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`, `0086${phone}`];
      return written.every((w) => hash.of(w)!.equals(hash.of(phone)!));
    }));
  });

  it('differs between numbers and cannot be made without the key', () => {
    expect(hash.of('13812345678')!.equals(hash.of('13812345679')!)).toBe(false);
    expect(new RequesterHash(randomBytes(32).toString('base64')).of('13812345678')!.equals(hash.of('13812345678')!)).toBe(false);
    expect(hash.of(undefined)).toBeNull();
  });
});
