/**
 * A least-recently-used map with a time to live per entry, grown as entries arrive. (lru-cache,
 * used before, allocates its index arrays for `max` entries up front: 5.5 MB of the idle server's
 * heap for the three big caches, whether or not a single user ever signed in.) A Map keeps insertion
 * order, so re-inserting on a hit keeps the least recently used entry first, where eviction looks.
 */
class LruMap<V> {
  private readonly map = new Map<string, { value: V; expires: number }>();
  constructor(private readonly max: number, private readonly ttlMs: number) {}

  get(key: string): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    if (entry.expires <= Date.now()) return undefined;
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, options?: { ttl: number }): void {
    this.map.delete(key);
    this.map.set(key, { value, expires: Date.now() + (options?.ttl ?? this.ttlMs) });
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  *entries(): IterableIterator<[string, V]> {
    const now = Date.now();
    for (const [key, entry] of this.map) if (entry.expires > now) yield [key, entry.value];
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}

/**
 * A bounded, expiring in-process memo of values loaded from PostgreSQL, safe against the race of a
 * load that started before an invalidation and lands after it: such a load still answers its own
 * caller but is not kept (every invalidation starts a new epoch). Concurrent misses of one key
 * share one load.
 */
export class Memo<V extends NonNullable<unknown>> {
  private readonly entries: LruMap<V>;
  private readonly loading = new Map<string, Promise<V | null>>();
  private epoch = 0;

  constructor(options: { max: number; ttlMs: number }) {
    this.entries = new LruMap<V>(options.max, options.ttlMs);
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
    for (const [key, value] of [...this.entries.entries()]) if (matches(value)) this.entries.delete(key);
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
