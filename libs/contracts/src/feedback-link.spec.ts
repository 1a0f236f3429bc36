import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { signFeedbackLink, verifyFeedbackLink } from './feedback-link';

describe('feedback link', () => {
  const key = randomBytes(32);
  const claims = { caseId: randomUUID(), nonce: randomBytes(18).toString('base64url'), expiresAt: new Date('2026-12-01T08:00:00Z') };

  it('is short enough for a text message and a URL segment', () => {
    expect(signFeedbackLink(key, claims)).toHaveLength(72);
  });

  it('gives back what was signed', () => {
    expect(verifyFeedbackLink(key, signFeedbackLink(key, claims))).toEqual(claims);
  });

  it('refuses a token signed with another key', () => {
    expect(verifyFeedbackLink(randomBytes(32), signFeedbackLink(key, claims))).toBeNull();
  });

  it('refuses any altered token', () => {
    const token = signFeedbackLink(key, claims);
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.string({ minLength: 1, maxLength: 1 }), (at, char) => {
        const altered = token.slice(0, at) + char + token.slice(at + 1);
        const verified = verifyFeedbackLink(key, altered);
        return altered === token || verified === null;
      }),
    );
  });

  it('refuses tokens that are not tokens', () => {
    fc.assert(fc.property(fc.string(), (text) => verifyFeedbackLink(key, text) === null));
  });
});
