import { describe, expect, it } from 'vitest';
import { genId, idLowerBoundAt, isValidId, parseIdTime } from './id.js';

describe('aidx ids', () => {
  it('are 16 lowercase base36 characters', () => {
    const id = genId();
    expect(id).toHaveLength(16);
    expect(isValidId(id)).toBe(true);
  });

  it('encode their creation time to the millisecond', () => {
    const time = Date.UTC(2026, 10, 22, 12, 34, 56, 789);
    expect(parseIdTime(genId(time)).getTime()).toBe(time);
  });

  it('sort by creation time, and are unique within one millisecond', () => {
    const earlier = genId(1_700_000_000_000);
    const later = genId(1_700_000_000_001);
    expect(earlier < later).toBe(true);
    const sameMs = Array.from({ length: 1000 }, () => genId(1_700_000_000_000));
    expect(new Set(sameMs).size).toBe(1000);
  });

  it('give date bounds that compare correctly with real ids', () => {
    const time = 1_750_000_000_000;
    expect(idLowerBoundAt(time) <= genId(time)).toBe(true);
    expect(idLowerBoundAt(time + 1) > genId(time)).toBe(true);
  });

  it('give date bounds that clamp, not wrap, outside the years ids can encode (2000 to 2089)', () => {
    const now = genId(Date.now());
    for (const future of [Date.UTC(2090, 0, 1), Date.UTC(3000, 0, 1), 8_640_000_000_000_000, Number.MAX_SAFE_INTEGER]) {
      expect(idLowerBoundAt(future) > now).toBe(true);
    }
    for (const past of [Date.UTC(1999, 0, 1), 0, -8_640_000_000_000_000]) {
      expect(idLowerBoundAt(past) < now).toBe(true);
    }
    expect(idLowerBoundAt(Date.UTC(2089, 0, 1)) > now).toBe(true);
  });

  it('reject malformed ids', () => {
    expect(isValidId('abc')).toBe(false);
    expect(isValidId('ABCDEFGHIJKLMNOP')).toBe(false);
    expect(isValidId('0123456789abcdef0')).toBe(false);
  });
});
