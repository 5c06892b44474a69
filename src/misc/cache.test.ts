import { describe, expect, it } from 'vitest';
import { MemoryCache } from './cache.js';

describe('MemoryCache', () => {
  it('counts hits within a window and starts over after it', async () => {
    let now = 1000;
    const cache = new MemoryCache(60_000, () => now);
    expect((await cache.hit('k', 100)).count).toBe(1);
    const second = await cache.hit('k', 100);
    expect(second).toEqual({ count: 2, resetAt: 1100 });
    now = 1100;
    expect((await cache.hit('k', 100)).count).toBe(1);
    await cache.close();
  });

  it('expires values and sweeps them away', async () => {
    let now = 0;
    const cache = new MemoryCache(60_000, () => now);
    await cache.set('a', 'x', 50);
    await cache.set('b', 'y', 500);
    expect(await cache.get('a')).toBe('x');
    now = 50;
    expect(await cache.get('a')).toBeNull();
    cache.sweep();
    expect(cache.size).toBe(1);
    await cache.delete('b');
    expect(await cache.get('b')).toBeNull();
    await cache.close();
  });
});
