import { Caller } from './api-key.guard';

/**
 * Callers by API key hash. Trusted only while changes to the callers table are being heard
 * (`resume`/`suspend`), and forgotten at each change (`clear`), so that a revoked or rotated key
 * stops working as soon as the change commits. Known and unknown keys are kept apart, each
 * bounded and least recently used first out: a flood of unknown keys cannot push out known ones.
 */
export class CallerCache {
  private readonly known = new Map<string, Caller>();
  private readonly unknown = new Map<string, null>();
  private trusted = false;
  private changes = 0;

  constructor(private readonly capacity = 10_000) {}

  /** The caller, null for a key known to be unknown, undefined when it must be looked up. */
  get(keyHash: string): Caller | null | undefined {
    if (!this.trusted) return undefined;
    const caller = this.known.get(keyHash);
    if (caller) {
      this.known.delete(keyHash);
      this.known.set(keyHash, caller);
      return caller;
    }
    return this.unknown.get(keyHash);
  }

  /** To hand to `remember`: what was looked up before a change is not kept after it. */
  get version(): number {
    return this.changes;
  }

  remember(keyHash: string, caller: Caller | null, version: number): void {
    if (!this.trusted || version !== this.changes) return;
    const entries: Map<string, Caller | null> = caller ? this.known : this.unknown;
    entries.delete(keyHash);
    entries.set(keyHash, caller);
    if (entries.size > this.capacity) entries.delete(entries.keys().next().value!);
  }

  clear(): void {
    this.changes++;
    this.known.clear();
    this.unknown.clear();
  }

  /** Changes are heard (again): start afresh, since those made in between were missed. */
  resume(): void {
    this.clear();
    this.trusted = true;
  }

  /** Changes can no longer be heard: every key is looked up until `resume`. */
  suspend(): void {
    this.clear();
    this.trusted = false;
  }
}
