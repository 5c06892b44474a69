import { Redis } from 'ioredis';
import type { Cache } from './cache.js';

/**
 * The Cache over Redis, so rate limits, counters and short-lived values mean the same thing in
 * every Mikan process. Keys are prefixed (`<prefix>:c:<key>`).
 */
export class RedisCache implements Cache {
  private readonly redis: Redis;

  constructor(url: string, private readonly prefix = 'mikan', onError: (error: unknown) => void = () => {}) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 2 });
    this.redis.on('error', onError);
  }

  private key(key: string): string {
    return `${this.prefix}:c:${key}`;
  }

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const full = this.key(key);
    // INCR, then start the window only if the key has none yet (NX): one round trip, atomic.
    const results = await this.redis.multi().incr(full).pexpire(full, windowMs, 'NX').pttl(full).exec();
    const count = Number(results?.[0]?.[1] ?? 1);
    const ttl = Number(results?.[2]?.[1] ?? windowMs);
    return { count, resetAt: Date.now() + (ttl > 0 ? ttl : windowMs) };
  }

  async get(key: string): Promise<string | null> {
    return this.redis.get(this.key(key));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.key(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => {});
  }
}
