import { createHash, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';

/**
 * Misskey's first-run guard: with a configured setup password, the given one must match; without
 * one, a non-blank given password is refused too (the caller expected a guard that is not there).
 */
export function setupPasswordAccepted(ctx: AppContext, given: string | null | undefined): boolean {
  const expected = ctx.config.setupPassword;
  if (expected == null) return given == null || given.trim() === '';
  if (typeof given !== 'string') return false;
  // Equal-length digests, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
