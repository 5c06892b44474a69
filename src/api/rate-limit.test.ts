import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../misc/cache.js';
import { checkRateLimit, ipActor, rateLimitInfo } from './rate-limit.js';

describe('checkRateLimit', () => {
  it('allows max calls per duration, then blocks until the window resets', async () => {
    let now = 0;
    const cache = new MemoryCache(60_000, () => now);
    const limit = { duration: 1000, max: 2 };
    expect((await checkRateLimit(cache, limit, 'u1', 'ep', 1, now)).blocked).toBe(false);
    expect((await checkRateLimit(cache, limit, 'u1', 'ep', 1, now)).blocked).toBe(false);
    const third = await checkRateLimit(cache, limit, 'u1', 'ep', 1, now);
    expect(third).toMatchObject({ blocked: true, resetMs: 1000 });
    expect((await checkRateLimit(cache, limit, 'u2', 'ep', 1, now)).blocked).toBe(false);
    now = 1000;
    expect((await checkRateLimit(cache, limit, 'u1', 'ep', 1, now)).blocked).toBe(false);
  });

  it('enforces minInterval, stretched by the factor', async () => {
    let now = 0;
    const cache = new MemoryCache(60_000, () => now);
    const limit = { minInterval: 100 };
    expect((await checkRateLimit(cache, limit, 'u', 'ep', 2, now)).blocked).toBe(false);
    now = 150;
    expect((await checkRateLimit(cache, limit, 'u', 'ep', 2, now))).toMatchObject({ blocked: true, resetMs: 50 });
    now = 200;
    expect((await checkRateLimit(cache, limit, 'u', 'ep', 2, now)).blocked).toBe(false);
  });

  it('shares a declared key between endpoints and lifts the limit at factor 0', async () => {
    const cache = new MemoryCache();
    const limit = { key: 'shared', duration: 60_000, max: 1 };
    expect((await checkRateLimit(cache, limit, 'u', 'a', 1)).blocked).toBe(false);
    expect((await checkRateLimit(cache, limit, 'u', 'b', 1)).blocked).toBe(true);
    expect((await checkRateLimit(cache, limit, 'u', 'b', 0)).blocked).toBe(false);
    await cache.close();
  });
});

describe('rate-limit helpers', () => {
  it('key anonymous callers by a hash of their address, never the address itself', () => {
    expect(ipActor('203.0.113.9')).toMatch(/^ip:[0-9a-f]{32}$/);
    expect(ipActor('203.0.113.9')).not.toContain('203');
    expect(ipActor('203.0.113.9')).not.toBe(ipActor('203.0.113.10'));
  });

  it('round Retry-After up to whole seconds, at least 1', () => {
    expect(rateLimitInfo({ resetMs: 1, fullResetMs: 2500 })).toEqual({ resetMs: 1, resetSec: 1, fullResetMs: 2500, fullResetSec: 3 });
  });
});
