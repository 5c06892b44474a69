import { LRUCache } from 'lru-cache';

/**
 * A bounded, expiring in-process memo of values loaded from PostgreSQL, safe against the race of a
 * load that started before an invalidation and lands after it: such a load still answers its own
 * caller but is not kept (every invalidation starts a new epoch). Concurrent misses of one key
 * share one load.
 */
export class Memo<V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<string, V>;
  private readonly loading = new Map<string, Promise<V | null>>();
  private epoch = 0;

  constructor(options: { max: number; ttlMs: number }) {
    this.entries = new LRUCache<string, V>({ max: options.max, ttl: options.ttlMs, ttlAutopurge: false });
  }

  /** The cached value without loading (undefined on a miss). */
  peek(key: string): V | undefined {
    return this.entries.get(key);
  }

  /** The cached value, or `load`'s (kept unless null, for `ttlMs` or the returned `ttlMs`). */
  get(key: string, load: () => Promise<V | null>, ttlOf?: (value: V) => number | undefined): Promise<V | null> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return Promise.resolve(hit);
    const pending = this.loading.get(key);
    if (pending) return pending;
    const epoch = this.epoch;
    const loaded = load().then((value) => {
      if (value != null && epoch === this.epoch) {
        const ttl = ttlOf?.(value);
        if (ttl === undefined) this.entries.set(key, value);
        else if (ttl > 0) this.entries.set(key, value, { ttl });
      }
      return value;
    }).finally(() => {
      if (this.loading.get(key) === loaded) this.loading.delete(key);
    });
    this.loading.set(key, loaded);
    return loaded;
  }

  /**
   * Many keys at once: hits from memory, misses with ONE call of `loadMissing` (which answers the
   * values it found, keyed). Values missing from its answer are not cached.
   */
  async getMany(keys: readonly string[], loadMissing: (missing: string[]) => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const found = new Map<string, V>();
    const missing: string[] = [];
    for (const key of keys) {
      const hit = this.entries.get(key);
      if (hit !== undefined) found.set(key, hit);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const epoch = this.epoch;
    const loaded = await loadMissing(missing);
    const keep = epoch === this.epoch;
    for (const [key, value] of loaded) {
      found.set(key, value);
      if (keep) this.entries.set(key, value);
    }
    return found;
  }

  delete(keys: Iterable<string>): void {
    this.epoch++;
    for (const key of keys) {
      this.entries.delete(key);
      this.loading.delete(key);
    }
  }

  /** Drops every entry whose value matches (for caches not keyed by what is invalidated). */
  deleteWhere(matches: (value: V) => boolean): void {
    this.epoch++;
    for (const [key, value] of this.entries.entries()) if (matches(value)) this.entries.delete(key);
    this.loading.clear();
  }

  clear(): void {
    this.epoch++;
    this.entries.clear();
    this.loading.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
