import type { AppContext } from '../../context.js';
import { userIps } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';

/** Each (account, address) pair is written at most this often; Misskey forgets its in-memory set hourly. */
const IP_RESOLUTION_MS = 60 * 60 * 1000;

/**
 * Misskey's IP log (`enableIpLogging`): the addresses an account calls the API from, one row per
 * address with the time it was first seen. Off by default; nothing is written while it is off.
 * Best effort: a failure is logged and never fails the call.
 */
export async function recordUserIp(ctx: AppContext, userId: string, ip: string): Promise<void> {
  if (!ctx.meta.get().enableIpLogging) return;
  try {
    const key = `user-ip:${userId}:${ip}`;
    if (await ctx.cache.get(key)) return;
    await ctx.cache.set(key, '1', IP_RESOLUTION_MS);
    await ctx.db.insert(userIps).values({ id: genId(), userId, ip }).onConflictDoNothing();
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not record the caller\'s address');
  }
}
