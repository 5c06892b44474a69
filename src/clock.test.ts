import { afterEach, expect, it } from 'vitest';
import { clockOffset, now, resetClockOffset, shiftClock } from './clock.js';

afterEach(() => resetClockOffset());

it('is the real time until test mode moves it', () => {
  const before = Date.now();
  const seen = now();
  expect(seen).toBeGreaterThanOrEqual(before);
  expect(seen).toBeLessThanOrEqual(Date.now());
  expect(clockOffset()).toBe(0);
});

it('moves forward by what was added, and back to real time on reset', () => {
  shiftClock(3_600_000);
  shiftClock(60_000);
  expect(clockOffset()).toBe(3_660_000);
  expect(now() - Date.now()).toBeGreaterThanOrEqual(3_660_000 - 5);
  resetClockOffset();
  expect(Math.abs(now() - Date.now())).toBeLessThan(5);
});
