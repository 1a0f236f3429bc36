import fc from 'fast-check';
import { hasValidSignature, newSigningSecret, signedHeaders } from './webhook.signature';

// The example of the Standard Webhooks reference libraries' tests (svix-webhooks, TestWebhookSign).
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signatures', () => {
  it('signs the reference example as the reference libraries do', () => {
    expect(signedHeaders([VECTOR.secret], VECTOR.id, VECTOR.timestamp, VECTOR.body)).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    });
    expect(hasValidSignature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body, VECTOR.signature)).toBe(true);
  });

  it('signs with every secret given, so a receiver holding either one during a rotation verifies', () => {
    const [old, fresh] = [newSigningSecret(), newSigningSecret()];
    const header = signedHeaders([fresh, old], 'msg_1', 1700000000, '{}')['webhook-signature'];
    expect(header.split(' ')).toHaveLength(2);
    expect(hasValidSignature(old, 'msg_1', 1700000000, '{}', header)).toBe(true);
    expect(hasValidSignature(fresh, 'msg_1', 1700000000, '{}', header)).toBe(true);
    expect(hasValidSignature(newSigningSecret(), 'msg_1', 1700000000, '{}', header)).toBe(false);
  });

  it('fails verification for any change of id, timestamp or body', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2 ** 31 }), fc.string(), fc.string({ minLength: 1 }), (id, timestamp, body, extra) => {
        const secret = newSigningSecret();
        const header = signedHeaders([secret], id, timestamp, body)['webhook-signature'];
        expect(hasValidSignature(secret, id, timestamp, body, header)).toBe(true);
        expect(hasValidSignature(secret, id + extra, timestamp, body, header)).toBe(false);
        expect(hasValidSignature(secret, id, timestamp + 1, body, header)).toBe(false);
        expect(hasValidSignature(secret, id, timestamp, body + extra, header)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('makes secrets of 32 random bytes with the whsec_ prefix', () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(secret);
  });
});
