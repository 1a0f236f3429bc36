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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A nonce is 18 random bytes, written in base64url. */
export const FEEDBACK_LINK_NONCE = /^[A-Za-z0-9_-]{24}$/;
/** case id (16 bytes) | nonce (18) | expiry in Unix seconds (4): short enough for a text message and a URL segment. */
const BODY_BYTES = 38;
const MAC_BYTES = 16;

/** Expiry is signed to the second: a link's expiry should be one (see feedbackLinkExpiry). */
export function signFeedbackLink(key: Buffer, claims: FeedbackLinkClaims): string {
  if (!UUID.test(claims.caseId) || !FEEDBACK_LINK_NONCE.test(claims.nonce)) throw new Error('a feedback link needs a case id and an 18-byte nonce');
  const body = Buffer.alloc(BODY_BYTES);
  Buffer.from(claims.caseId.replace(/-/g, ''), 'hex').copy(body, 0);
  Buffer.from(claims.nonce, 'base64url').copy(body, 16);
  body.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), 34);
  return Buffer.concat([body, mac(key, body)]).toString('base64url');
}

/** The claims of a token signed with this key, or null for anything else (forged, altered, malformed). */
export function verifyFeedbackLink(key: Buffer, token: string): FeedbackLinkClaims | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.length !== BODY_BYTES + MAC_BYTES || bytes.toString('base64url') !== token) return null;
  const body = bytes.subarray(0, BODY_BYTES);
  if (!timingSafeEqual(bytes.subarray(BODY_BYTES), mac(key, body))) return null;
  const hex = body.subarray(0, 16).toString('hex');
  return {
    caseId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    nonce: body.subarray(16, 34).toString('base64url'),
    expiresAt: new Date(body.readUInt32BE(34) * 1000),
  };
}

/** A link's expiry, to the second as the token signs it. */
export function feedbackLinkExpiry(from: Date, hours: number): Date {
  return new Date(Math.floor(from.getTime() / 1000) * 1000 + hours * 3_600_000);
}

function mac(key: Buffer, body: Buffer): Buffer {
  return createHmac('sha256', key).update(PURPOSE).update('\0').update(body).digest().subarray(0, MAC_BYTES);
}
