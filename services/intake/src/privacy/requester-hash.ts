import { createHmac, hkdfSync } from 'node:crypto';

/**
 * A keyed hash of a reporter's phone number, kept with the case so that the same requester's
 * repeat can be found without an index of phone numbers in clear (a plain hash could be
 * reversed by trying every number). Numbers are compared as digits, without China's +86.
 */
export class RequesterHash {
  private readonly key: Buffer;

  constructor(base64PiiKey: string) {
    this.key = Buffer.from(hkdfSync('sha256', Buffer.from(base64PiiKey, 'base64'), Buffer.alloc(0), 'gridwhistle/intake/requester', 32));
  }

  of(phone: string | undefined): Buffer | null {
    const digits = phone?.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
    return digits ? createHmac('sha256', this.key).update(digits).digest() : null;
  }
}
