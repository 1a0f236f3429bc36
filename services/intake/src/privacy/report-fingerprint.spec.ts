import { createHash, randomBytes } from 'node:crypto';
import { ReportFingerprint, canonicalJson } from './report-fingerprint';

describe('report fingerprint', () => {
  const key = randomBytes(32).toString('base64');
  const fingerprint = new ReportFingerprint(key);
  const report = { category: 'manhole_cover', location: { gridCode: 'g01' }, reporter: { name: '李女士', phone: '13812345678' } };

  it('is the same for the same report, whatever the order of its fields', () => {
    const reordered = { reporter: { phone: '13812345678', name: '李女士' }, location: { gridCode: 'g01' }, category: 'manhole_cover' };
    expect(fingerprint.of(reordered).equals(fingerprint.of(report))).toBe(true);
    expect(canonicalJson(reordered)).toBe(canonicalJson(report));
  });

  it('differs when anything in the report differs, the reporter included', () => {
    const otherPhone = { ...report, reporter: { ...report.reporter, phone: '13812345679' } };
    expect(fingerprint.of(otherPhone).equals(fingerprint.of(report))).toBe(false);
    expect(fingerprint.of({ ...report, category: 'illegal_parking' }).equals(fingerprint.of(report))).toBe(false);
  });

  it('cannot be recomputed without the key, so a phone number cannot be found by trying them all', () => {
    const plain = createHash('sha256').update(canonicalJson(report)).digest();
    expect(fingerprint.of(report).equals(plain)).toBe(false);
    expect(new ReportFingerprint(randomBytes(32).toString('base64')).of(report).equals(fingerprint.of(report))).toBe(false);
    expect(new ReportFingerprint(key).of(report).equals(fingerprint.of(report))).toBe(true);
  });
});
