import { describe, expect, it } from 'vitest';
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
});
