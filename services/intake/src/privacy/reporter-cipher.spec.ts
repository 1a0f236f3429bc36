import { randomBytes } from 'node:crypto';
import { ReporterCipher } from './reporter-cipher';

describe('reporter cipher', () => {
  const cipher = new ReporterCipher(randomBytes(32).toString('base64'));

  it('round-trips personal data and leaves no plaintext in the stored bytes', () => {
    const sealed = cipher.encrypt({ name: '张三', phone: '13812345678' });
    expect(sealed.toString('latin1')).not.toContain('13812345678');
    expect(cipher.decrypt(sealed)).toEqual({ name: '张三', phone: '13812345678' });
  });

  it('uses a fresh IV each time, so equal reporters do not look equal at rest', () => {
    expect(cipher.encrypt({ phone: '13812345678' }).equals(cipher.encrypt({ phone: '13812345678' }))).toBe(false);
  });

  it('refuses tampered data and data sealed with another key', () => {
    const sealed = cipher.encrypt({ phone: '13812345678' });
    sealed[sealed.length - 1] ^= 1;
    expect(() => cipher.decrypt(sealed)).toThrow();
    const other = new ReporterCipher(randomBytes(32).toString('base64'));
    expect(() => other.decrypt(cipher.encrypt({ phone: '1' }))).toThrow();
  });
});
