import { createHmac, hkdfSync } from 'node:crypto';

/**
 * A fingerprint of a report, kept with its case so that a retry can be told apart from another
 * report sent with the same Idempotency-Key. It is keyed (HMAC-SHA-256): a report holds the
 * reporter's phone number, and a plain hash of a report whose other fields are stored in clear
 * could be reversed by trying every phone number. The key is derived from the PII key for this
 * use alone.
 */
export class ReportFingerprint {
  private readonly key: Buffer;

  constructor(base64PiiKey: string) {
    const piiKey = Buffer.from(base64PiiKey, 'base64');
    this.key = Buffer.from(hkdfSync('sha256', piiKey, Buffer.alloc(0), 'gridwhistle/intake/report-fingerprint', 32));
  }

  of(report: object): Buffer {
    return createHmac('sha256', this.key).update(canonicalJson(report)).digest();
  }
}

/** JSON with every object's keys in order, so that equal reports give equal text however they were sent. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, member: unknown) =>
    member && typeof member === 'object' && !Array.isArray(member)
      ? Object.fromEntries(Object.entries(member).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : member,
  );
}
