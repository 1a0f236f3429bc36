import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The resident's feedback link, agreed between feedback (which checks it) and intake (which
 * builds and sends it) from case.feedback_requested: the case, the nonce and the expiry,
 * signed with HMAC-SHA-256 under the key both are configured with. The token holds no
 * personal data; the nonce makes it single-use, the signature unforgeable without the key.
 */
export interface FeedbackLinkClaims {
  caseId: string;
  nonce: string;
  expiresAt: Date;
}

const PURPOSE = 'gridwhistle/feedback-link/v1';

export function signFeedbackLink(key: Buffer, claims: FeedbackLinkClaims): string {
  const body = Buffer.from(JSON.stringify({ c: claims.caseId, n: claims.nonce, e: claims.expiresAt.getTime() })).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The claims of a token signed with this key, or null for anything else (forged, altered, malformed). */
export function verifyFeedbackLink(key: Buffer, token: string): FeedbackLinkClaims | null {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const { c, n, e } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (typeof c !== 'string' || typeof n !== 'string' || typeof e !== 'number') return null;
    return { caseId: c, nonce: n, expiresAt: new Date(e) };
  } catch {
    return null;
  }
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(PURPOSE).update('\0').update(body).digest('base64url');
}
