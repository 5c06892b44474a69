import { afterEach, describe, expect, it, vi } from 'vitest';
import { Memo } from './memo.js';

describe('Memo', () => {
  it('loads once for concurrent misses and serves hits from memory', async () => {
    const memo = new Memo<string>({ max: 10, ttlMs: 60_000 });
    let loads = 0;
    const load = async () => { loads++; return 'v'; };
    expect(await Promise.all([memo.get('k', load), memo.get('k', load)])).toEqual(['v', 'v']);
    expect(await memo.get('k', load)).toBe('v');
    expect(loads).toBe(1);
  });

  it('does not keep a load that an invalidation overtook', async () => {
    const memo = new Memo<string>({ max: 10, ttlMs: 60_000 });
    let release!: (value: string) => void;
    const slow = memo.get('k', () => new Promise<string>((resolve) => { release = resolve; }));
    memo.delete(['k']);
    release('stale');
    expect(await slow).toBe('stale');
    expect(memo.peek('k')).toBeUndefined();
    expect(await memo.get('k', async () => 'fresh')).toBe('fresh');
  });

  it('does not cache null, honours a per-value ttl of 0, and deletes by value', async () => {
    const memo = new Memo<{ owner: string }>({ max: 10, ttlMs: 60_000 });
    expect(await memo.get('none', async () => null)).toBeNull();
    expect(memo.peek('none')).toBeUndefined();
    await memo.get('expired', async () => ({ owner: 'a' }), () => 0);
    expect(memo.peek('expired')).toBeUndefined();
    await memo.get('x', async () => ({ owner: 'a' }));
    await memo.get('y', async () => ({ owner: 'b' }));
    memo.deleteWhere((value) => value.owner === 'a');
    expect(memo.peek('x')).toBeUndefined();
    expect(memo.peek('y')).toEqual({ owner: 'b' });
  });

  it('getMany loads only the misses, in one call', async () => {
    const memo = new Memo<number>({ max: 10, ttlMs: 60_000 });
    await memo.get('a', async () => 1);
    const asked: string[][] = [];
    const found = await memo.getMany(['a', 'b', 'c'], async (missing) => { asked.push(missing); return new Map([['b', 2]]); });
    expect(asked).toEqual([['b', 'c']]);
    expect([...found]).toEqual([['a', 1], ['b', 2]]);
    expect(memo.peek('b')).toBe(2);
  });

  it('evicts the least recently used entry beyond max (a hit counts as a use)', async () => {
    const memo = new Memo<number>({ max: 3, ttlMs: 60_000 });
    for (const [key, value] of [['a', 1], ['b', 2], ['c', 3]] as const) await memo.get(key, async () => value);
    expect(memo.peek('a')).toBe(1); // a is now the most recent
    await memo.get('d', async () => 4);
    expect(memo.size).toBe(3);
    expect(memo.peek('b')).toBeUndefined();
    expect([memo.peek('a'), memo.peek('c'), memo.peek('d')]).toEqual([1, 3, 4]);
  });

  describe('with a clock', () => {
    afterEach(() => { vi.useRealTimers(); });
    it('forgets entries after their ttl, the memo\'s or the value\'s own', async () => {
      vi.useFakeTimers();
      const memo = new Memo<string>({ max: 10, ttlMs: 1000 });
      await memo.get('short', async () => 's', () => 100);
      await memo.get('default', async () => 'd');
      vi.advanceTimersByTime(500);
      expect(memo.peek('short')).toBeUndefined();
      expect(memo.peek('default')).toBe('d');
      vi.advanceTimersByTime(501);
      expect(memo.peek('default')).toBeUndefined();
      expect(memo.size).toBe(0);
    });
  });
});
