import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { hashApiKey } from './api-key';
import { ApiKeyAuthenticator } from './api-key.authenticator';
import { Caller, CallerDirectory } from './api-key.guard';

const urban = { code: 'urban_management' };
const randomKey = () => randomBytes(24).toString('base64url');

describe('ApiKeyAuthenticator', () => {
  class CountingDirectory extends CallerDirectory {
    readonly queries: string[][] = [];
    constructor(private readonly callers: Map<string, Caller>) {
      super();
    }
    async findByKeyHashes(keyHashes: string[]) {
      this.queries.push(keyHashes);
      await new Promise((resolve) => setImmediate(resolve));
      return new Map([...this.callers].filter(([hash]) => keyHashes.includes(hash)));
    }
  }
  const knownKey = 'gw_urban_management_known';

  function authenticator() {
    const directory = new CountingDirectory(new Map([[hashApiKey(knownKey), urban]]));
    const registry = new Registry();
    const auth = new ApiKeyAuthenticator(directory, registry);
    auth.cache.resume();
    const lookups = async () => (await registry.getSingleMetric('gridwhistle_api_key_lookups_total')!.get()).values;
    return { auth, directory, lookups };
  }

  it('serves a known key from the cache after 20,000 random ones', async () => {
    const { auth, lookups } = authenticator();
    expect(await auth.authenticate(knownKey)).toEqual(urban);
    for (let round = 0; round < 20; round++) {
      const callers = await Promise.all(Array.from({ length: 1000 }, () => auth.authenticate(randomKey())));
      expect(callers.every((caller) => caller === null)).toBe(true);
    }
    const before = await lookups();
    expect(before).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { result: 'known' }, value: 1 }),
        expect.objectContaining({ labels: { result: 'unknown' }, value: 20_000 }),
      ]),
    );
    expect(await auth.authenticate(knownKey)).toEqual(urban);
    expect(await lookups()).toEqual(before);
  });

  it('looks up keys that arrive together in one query at a time, however many', async () => {
    const { auth, directory } = authenticator();
    const keys = Array.from({ length: 3000 }, randomKey);
    const callers = await Promise.all([...keys, knownKey].map((key) => auth.authenticate(key)));
    expect(callers.filter(Boolean)).toEqual([urban]);
    expect(directory.queries.length).toBeLessThanOrEqual(4);
    expect(directory.queries.flat()).toHaveLength(3001);
  });
});
