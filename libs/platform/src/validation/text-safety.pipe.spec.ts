import { MAX_DEPTH, unsafeInput } from './text-safety.pipe';

describe('input no column can store', () => {
  const nested = (levels: number): object => (levels === 1 ? { leaf: 'a' } : { deeper: nested(levels - 1) });

  it(`takes JSON of up to ${MAX_DEPTH} levels and names the top-level field of deeper JSON`, () => {
    expect(unsafeInput({ ok: 'a', place: nested(MAX_DEPTH - 1) }, '')).toBeUndefined();
    expect(unsafeInput({ ok: 'a', place: nested(MAX_DEPTH) }, '')).toEqual({ field: 'place', message: 'place must not nest deeper than 32 levels' });
    expect(unsafeInput([[nested(MAX_DEPTH)]], '')).toEqual({ field: '0', message: '0 must not nest deeper than 32 levels' });
  });

  it('names the path of a NUL or an unpaired surrogate, in values and in keys', () => {
    expect(unsafeInput({ reporter: { name: 'Li\u0000' } }, '')?.field).toBe('reporter.name');
    expect(unsafeInput({ tags: ['ok', '\udc00'] }, '')?.field).toBe('tags.1');
    expect(unsafeInput({ ['\ud800']: 1 }, '')?.field).toBe('\ud800');
    expect(unsafeInput('a\u0000', 'limit')).toEqual({ field: 'limit', message: 'limit must not contain NUL (\\u0000) characters' });
    expect(unsafeInput('\u0000', '')?.field).toBe('the body');
  });

  it('takes any well-formed Unicode, astral characters included', () => {
    expect(unsafeInput({ text: '井盖 😀 \ud83d\ude00 \u2028', n: 1, yes: true, none: null }, '')).toBeUndefined();
  });
});
