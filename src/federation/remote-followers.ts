import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { Memo } from '../core/cache/memo.js';
import type { AppContext } from '../context.js';
import { followings, remoteActors, users } from '../db/schema/index.js';

/**
 * Whether a local user has remote followers, cached per process: notes/create and note deletion ask
 * on every call, and most users have none, so the answer must be free (no query, no Fedify loaded).
 * Remote follows are added and removed only by the inbox, which announces the change to every
 * process (`federation:remoteFollowersChanged` on the bus); an entry never outlives ten minutes.
 */
const TOPIC = 'federation:remoteFollowersChanged';
const caches = new WeakMap<AppContext, Memo<boolean>>();

function cacheOf(ctx: AppContext): Memo<boolean> {
  let cache = caches.get(ctx);
  if (!cache) {
    const created = new Memo<boolean>({ max: 50_000, ttlMs: 10 * 60_000 });
    caches.set(ctx, cache = created);
    ctx.bus.subscribe(TOPIC, (message) => {
      const ids = (message as { userIds?: unknown } | null)?.userIds;
      if (Array.isArray(ids)) created.delete(ids.map(String));
    });
  }
  return cache;
}

export function remoteFollowersChanged(ctx: AppContext, userId: string): void {
  cacheOf(ctx).delete([userId]);
  ctx.bus.publish(TOPIC, { userIds: [userId] });
}

export async function hasRemoteFollowers(ctx: AppContext, userId: string): Promise<boolean> {
  // Memo: one query for concurrent misses, and a load overtaken by a change is not kept.
  const answer = await cacheOf(ctx).get(userId, async () => {
    const [row] = await ctx.db.select({ one: sql<number>`1` }).from(followings)
      .innerJoin(users, eq(users.id, followings.followerId))
      .where(and(eq(followings.followeeId, userId), isNotNull(users.host))).limit(1);
    return Boolean(row);
  });
  return answer ?? false;
}

/** The inboxes of a local user's remote followers, a shared inbox standing for all its users. */
export async function followerInboxes(ctx: AppContext, userId: string): Promise<string[]> {
  const rows = await ctx.db.select({ inbox: remoteActors.inbox, sharedInbox: remoteActors.sharedInbox }).from(followings)
    .innerJoin(remoteActors, eq(remoteActors.userId, followings.followerId))
    .where(eq(followings.followeeId, userId));
  return [...new Set(rows.map((row) => row.sharedInbox ?? row.inbox))];
}
