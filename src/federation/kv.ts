import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { KvKey, KvStore, KvStoreSetOptions } from '@fedify/fedify';
import type { AppContext } from '../context.js';
import { federationKv } from '../db/schema/index.js';

/** Fedify's key-value store (key caches, inbox idempotence) in the instance's own PostgreSQL. */
export class PgKvStore implements KvStore {
  constructor(private readonly ctx: AppContext) {}

  private static key(key: KvKey): string {
    return JSON.stringify(key);
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const [row] = await this.ctx.db.select({ value: federationKv.value }).from(federationKv)
      .where(and(eq(federationKv.key, PgKvStore.key(key)), or(isNull(federationKv.expiresAt), gt(federationKv.expiresAt, sql`now()`))));
    return row ? row.value as T : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const ttlMs = options?.ttl ? options.ttl.total('millisecond') : null;
    const expiresAt = ttlMs == null ? null : new Date(Date.now() + ttlMs);
    // jsonb cannot hold undefined; Fedify stores plain JSON values.
    const stored = value === undefined ? null : value;
    await this.ctx.db.insert(federationKv).values({ key: PgKvStore.key(key), value: stored, expiresAt })
      .onConflictDoUpdate({ target: federationKv.key, set: { value: stored, expiresAt } });
  }

  async delete(key: KvKey): Promise<void> {
    await this.ctx.db.delete(federationKv).where(eq(federationKv.key, PgKvStore.key(key)));
  }
}
