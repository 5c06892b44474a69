import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { followings, followRequests, userProfiles, users, type FollowNotify, type UserRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { blockBetween } from '../blocking/blocking.js';
import { createNotification } from '../notifications/create.js';
import { lockUserPair } from './pair-lock.js';
import { announceFollowChange } from './events.js';
import { relationsChanged } from '../cache/caches.js';
import { followRequested, unfollowed } from '../../federation/hooks.js';

/**
 * Moves both users' counters by `delta`. Always in id order, so two transactions touching the
 * same pair (A follows B while B follows A) lock the rows in the same order and cannot deadlock.
 */
async function adjustCounts(tx: Executor, followerId: string, followeeId: string, delta: 1 | -1): Promise<void> {
  const updates = [
    { id: followerId, set: { followingCount: sql`${users.followingCount} + ${delta}` } },
    { id: followeeId, set: { followersCount: sql`${users.followersCount} + ${delta}` } },
  ].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const update of updates) await tx.update(users).set(update.set).where(eq(users.id, update.id));
}

/**
 * Inserts the follow and moves the counters in the caller's transaction. The unique pair decides
 * races: a concurrent duplicate inserts nothing and moves nothing, so counts equal rows.
 */
export async function addFollowing(tx: Executor, followerId: string, followeeId: string, withReplies: boolean): Promise<boolean> {
  const inserted = await tx.insert(followings).values({ id: genId(), followerId, followeeId, withReplies })
    .onConflictDoNothing().returning({ id: followings.id });
  if (inserted.length === 0) return false;
  await adjustCounts(tx, followerId, followeeId, 1);
  return true;
}

/** Deletes the follow and moves the counters only if a row was really deleted. */
export async function removeFollowing(tx: Executor, followerId: string, followeeId: string): Promise<boolean> {
  const deleted = await tx.delete(followings)
    .where(and(eq(followings.followerId, followerId), eq(followings.followeeId, followeeId))).returning({ id: followings.id });
  if (deleted.length === 0) return false;
  await adjustCounts(tx, followerId, followeeId, -1);
  return true;
}

export async function isFollowing(db: Executor, followerId: string, followeeId: string): Promise<boolean> {
  const [row] = await db.select({ id: followings.id }).from(followings)
    .where(and(eq(followings.followerId, followerId), eq(followings.followeeId, followeeId))).limit(1);
  return Boolean(row);
}

export type FollowOutcome = 'followed' | 'requested' | 'alreadyFollowing' | 'blocking' | 'blocked';

/**
 * `follower` follows `followee`. A locked account (or one with `carefulBot`, followed by a bot) gets a follow request instead, unless it already
 * follows the follower and auto-accepts followers it follows (Misskey's `autoAcceptFollowed`).
 * The follow (or request) and its notification commit together.
 */
export async function follow(ctx: AppContext, follower: UserRow, followee: UserRow, options: { withReplies?: boolean }): Promise<FollowOutcome> {
  const withReplies = options.withReplies ?? false;
  const outcome = await ctx.db.transaction(async (tx): Promise<FollowOutcome> => {
    await lockUserPair(tx, follower.id, followee.id);
    const block = await blockBetween(tx, follower.id, followee.id);
    if (block.blocking) return 'blocking';
    if (block.blocked) return 'blocked';
    if (await isFollowing(tx, follower.id, followee.id)) return 'alreadyFollowing';

    // A remote account is followed once it accepts (its Accept arrives in the inbox), as in Misskey.
    const remoteFollowee = followee.host != null && follower.host == null;
    // `carefulBot`: bots must ask, as for a locked account (read only when a bot follows).
    const profile = followee.isLocked || remoteFollowee || follower.isBot
      ? (await tx.select({ autoAcceptFollowed: userProfiles.autoAcceptFollowed, carefulBot: userProfiles.carefulBot }).from(userProfiles).where(eq(userProfiles.userId, followee.id)))[0]
      : undefined;
    if (followee.isLocked || remoteFollowee || (follower.isBot && profile?.carefulBot)) {
      const autoAccept = !remoteFollowee && (profile?.autoAcceptFollowed ?? true) && await isFollowing(tx, followee.id, follower.id);
      if (!autoAccept) {
        const [request] = await tx.insert(followRequests).values({ id: genId(), followerId: follower.id, followeeId: followee.id, withReplies })
          .onConflictDoNothing().returning({ id: followRequests.id });
        // A repeated request changes nothing and notifies nobody again.
        if (request && followee.host == null) await createNotification(ctx, tx, { notifieeId: followee.id, notifierId: follower.id, type: 'receiveFollowRequest', followRequestId: request.id });
        return 'requested';
      }
    }

    if (!await addFollowing(tx, follower.id, followee.id, withReplies)) return 'alreadyFollowing';
    // A request left over from before the account was unlocked is fulfilled now.
    await tx.delete(followRequests).where(and(eq(followRequests.followerId, follower.id), eq(followRequests.followeeId, followee.id)));
    await createNotification(ctx, tx, { notifieeId: followee.id, notifierId: follower.id, type: 'follow' });
    return 'followed';
  });
  if (outcome === 'followed') announceFollowChange(ctx, 'follow', follower.id, followee.id);
  if (outcome === 'requested') announceFollowChange(ctx, 'request', follower.id, followee.id);
  if (outcome === 'requested') followRequested(ctx, follower, followee);
  return outcome;
}

/** Ends a follow; false when there was none. */
export async function unfollow(ctx: AppContext, followerId: string, followeeId: string): Promise<boolean> {
  const removed = await ctx.db.transaction((tx) => removeFollowing(tx, followerId, followeeId));
  if (removed) announceFollowChange(ctx, 'unfollow', followerId, followeeId);
  if (removed) {
    const [followee] = await ctx.db.select({ id: users.id, host: users.host }).from(users).where(eq(users.id, followeeId));
    if (followee) unfollowed(ctx, followerId, followee);
  }
  return removed;
}

/** Changes how the follower receives the followee's posts; false when not following. */
export async function updateFollowing(ctx: AppContext, followerId: string, followeeId: string, change: { notify?: FollowNotify; withReplies?: boolean }): Promise<boolean> {
  if (change.notify === undefined && change.withReplies === undefined) return isFollowing(ctx.db, followerId, followeeId);
  const updated = await ctx.db.update(followings).set(change)
    .where(and(eq(followings.followerId, followerId), eq(followings.followeeId, followeeId))).returning({ id: followings.id });
  if (updated.length > 0 && change.withReplies !== undefined) relationsChanged(ctx, followerId);
  return updated.length > 0;
}

export async function updateAllFollowings(ctx: AppContext, followerId: string, change: { notify?: FollowNotify; withReplies?: boolean }): Promise<void> {
  if (change.notify === undefined && change.withReplies === undefined) return;
  await ctx.db.update(followings).set(change).where(eq(followings.followerId, followerId));
  if (change.withReplies !== undefined) relationsChanged(ctx, followerId);
}
