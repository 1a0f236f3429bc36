import { Counter, Registry } from 'prom-client';
import { GroupCommit } from '@gridwhistle/persistence';
import { hashApiKey } from './api-key';
import { CallerCache } from './api-key.cache';
import { Caller, CallerDirectory } from './api-key.guard';

/** Hashes looked up in one directory query at most. */
const LOOKUP_BATCH = 1000;

/**
 * Finds the caller owning an API key: from the cache, else from the directory. Lookups that
 * arrive while one is in flight wait and go together in the next query, so that a flood of
 * unknown keys costs the database one query at a time rather than one per request.
 */
export class ApiKeyAuthenticator {
  readonly cache = new CallerCache();
  private readonly lookups: GroupCommit<string, Caller | null>;
  private readonly lookedUp: Counter;

  constructor(directory: CallerDirectory, registry: Registry) {
    this.lookedUp = new Counter({
      name: 'gridwhistle_api_key_lookups_total',
      help: 'API keys looked up in the callers table rather than served from the cache, by whether they were known',
      labelNames: ['result'],
      registers: [registry],
    });
    this.lookups = new GroupCommit(async (keyHashes: string[]) => {
      const callers = await directory.findByKeyHashes(keyHashes);
      const found = keyHashes.map((keyHash) => callers.get(keyHash) ?? null);
      const known = found.filter(Boolean).length;
      this.lookedUp.inc({ result: 'known' }, known);
      this.lookedUp.inc({ result: 'unknown' }, found.length - known);
      return found;
    }, LOOKUP_BATCH);
  }

  async authenticate(apiKey: string): Promise<Caller | null> {
    const keyHash = hashApiKey(apiKey);
    const cached = this.cache.get(keyHash);
    if (cached !== undefined) return cached;
    const version = this.cache.version;
    const caller = await this.lookups.submit(keyHash);
    this.cache.remember(keyHash, caller, version);
    return caller;
  }
}
