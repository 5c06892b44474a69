import { now as clockNow } from '../clock.js';
import { createHash } from 'node:crypto';
import type { Cache } from '../misc/cache.js';

/** An endpoint's declared limit, as in Misskey's meta: at most `max` calls per `duration`, and/or one call per `minInterval` (ms). */
export interface RateLimit {
  key?: string;
  duration?: number;
  max?: number;
  minInterval?: number;
}

export interface RateLimitVerdict {
  blocked: boolean;
  /** Until the next call may succeed. */
  resetMs: number;
  /** Until the limit is entirely spent down. */
  fullResetMs: number;
}

/**
 * Misskey's rule: the limit is per actor (user id, or a hash of the IP when anonymous) and per key
 * (the endpoint name unless the meta names a shared key); the actor's role `rateLimitFactor`
 * stretches the durations, and a factor of 0 lifts the limit.
 */
export async function checkRateLimit(cache: Cache, limit: RateLimit, actor: string, endpointName: string, factor: number, now = clockNow()): Promise<RateLimitVerdict> {
  const allowed: RateLimitVerdict = { blocked: false, resetMs: 0, fullResetMs: 0 };
  if (factor <= 0) return allowed;
  const key = `rl:${actor}:${limit.key ?? endpointName}`;

  if (limit.minInterval != null && limit.minInterval > 0) {
    const interval = Math.ceil(limit.minInterval * factor);
    const { count, resetAt } = await cache.hit(`${key}:min`, interval);
    if (count > 1) return { blocked: true, resetMs: resetAt - now, fullResetMs: resetAt - now };
  }

  if (limit.duration != null && limit.max != null && limit.duration > 0) {
    const duration = Math.ceil(limit.duration * factor);
    const { count, resetAt } = await cache.hit(`${key}:dur`, duration);
    if (count > limit.max) return { blocked: true, resetMs: resetAt - now, fullResetMs: resetAt - now };
  }
  return allowed;
}

/** Anonymous callers are limited by a hash of their IP address, so no address is kept in the cache. */
export function ipActor(ip: string): string {
  return 'ip:' + createHash('sha256').update(ip).digest('hex').slice(0, 32);
}

/** Whole seconds for `Retry-After`, never 0. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The `info` of Misskey's RATE_LIMIT_EXCEEDED error. */
export function rateLimitInfo(verdict: Pick<RateLimitVerdict, 'resetMs' | 'fullResetMs'>) {
  return {
    resetMs: verdict.resetMs,
    resetSec: retryAfterSeconds(verdict.resetMs),
    fullResetMs: verdict.fullResetMs,
    fullResetSec: retryAfterSeconds(verdict.fullResetMs),
  };
}
