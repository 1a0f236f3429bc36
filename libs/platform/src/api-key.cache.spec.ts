import { CallerCache } from './api-key.cache';

const urban = { code: 'urban_management' };

describe('CallerCache', () => {
  const trusted = (capacity?: number) => {
    const cache = new CallerCache(capacity);
    cache.resume();
    return cache;
  };

  it('keeps known callers when a flood of unknown keys overflows it', () => {
    const cache = trusted(100);
    cache.remember('known', urban, cache.version);
    for (let i = 0; i < 20_000; i++) cache.remember(`unknown-${i}`, null, cache.version);
    expect(cache.get('known')).toEqual(urban);
    expect(cache.get('unknown-19999')).toBeNull();
    expect(cache.get('unknown-0')).toBeUndefined();
  });

  it('lets the least recently used known caller go first when full', () => {
    const cache = trusted(2);
    cache.remember('a', { code: 'a' }, cache.version);
    cache.remember('b', { code: 'b' }, cache.version);
    cache.get('a');
    cache.remember('c', { code: 'c' }, cache.version);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([{ code: 'a' }, undefined, { code: 'c' }]);
  });

  it('forgets everything at a change, and does not keep what was looked up before it', () => {
    const cache = trusted();
    cache.remember('known', urban, cache.version);
    const before = cache.version;
    cache.clear();
    cache.remember('looked-up-before', urban, before);
    expect(cache.get('known')).toBeUndefined();
    expect(cache.get('looked-up-before')).toBeUndefined();
  });

  it('serves nothing while changes cannot be heard, and starts afresh when they can', () => {
    const cache = new CallerCache();
    cache.remember('known', urban, cache.version);
    expect(cache.get('known')).toBeUndefined();
    cache.resume();
    cache.remember('known', urban, cache.version);
    cache.suspend();
    expect(cache.get('known')).toBeUndefined();
    cache.resume();
    expect(cache.get('known')).toBeUndefined();
  });
});
