import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { followRequests, userProfiles, type FollowRequestRow } from '../../db/schema/index.js';
import { paginate, type Page } from '../pagination.js';
import { createNotification } from '../notifications/create.js';
import { addFollowing } from './follow.js';
import { lockUserPair } from './pair-lock.js';
import { announceFollowChange } from './events.js';
import { findUsersByIds } from '../users/read.js';
import { followAnswered, unfollowed } from '../../federation/hooks.js';

/** Tells federation about an answer to a request that involves a remote account. */
async function federateAnswer(ctx: AppContext, kind: 'accept' | 'reject' | 'cancel', followeeId: string, followerId: string): Promise<void> {
  const found = new Map((await findUsersByIds(ctx, [followerId, followeeId])).map((user) => [user.id, user]));
  const follower = found.get(followerId);
  const followee = found.get(followeeId);
  if (!follower || !followee || (follower.host == null && followee.host == null)) return;
  if (kind === 'cancel') unfollowed(ctx, followerId, followee);
  else followAnswered(ctx, kind, follower, followee);
}

/** Takes the pending request off the table in the caller's transaction; null when there was none. */
async function takeRequest(db: Parameters<typeof addFollowing>[0], followerId: string, followeeId: string): Promise<FollowRequestRow | null> {
  const [request] = await db.delete(followRequests)
    .where(and(eq(followRequests.followerId, followerId), eq(followRequests.followeeId, followeeId))).returning();
  return request ?? null;
}

/**
 * The followee accepts: the request becomes a follow (counts moved) and the follower is told,
 * with the followee's `followedMessage`, all in one transaction. False when no request was pending.
 */
export async function acceptFollowRequest(ctx: AppContext, followeeId: string, followerId: string): Promise<boolean> {
  const accepted = await ctx.db.transaction(async (tx) => {
    // Serialised with blocks of this pair: an accept must not slip a follow in after a block.
    await lockUserPair(tx, followerId, followeeId);
    const request = await takeRequest(tx, followerId, followeeId);
    if (!request) return false;
    await addFollowing(tx, followerId, followeeId, request.withReplies);
    const [profile] = await tx.select({ followedMessage: userProfiles.followedMessage }).from(userProfiles).where(eq(userProfiles.userId, followeeId));
    await createNotification(ctx, tx, { notifieeId: followerId, notifierId: followeeId, type: 'followRequestAccepted', message: profile?.followedMessage ?? null });
    return true;
  });
  if (accepted) announceFollowChange(ctx, 'follow', followerId, followeeId);
  if (accepted) await federateAnswer(ctx, 'accept', followeeId, followerId);
  return accepted;
}

/** The followee rejects; no notification (Misskey sends none). False when nothing was pending. */
export async function rejectFollowRequest(ctx: AppContext, followeeId: string, followerId: string): Promise<boolean> {
  const rejected = Boolean(await takeRequest(ctx.db, followerId, followeeId));
  if (rejected) await federateAnswer(ctx, 'reject', followeeId, followerId);
  return rejected;
}

/** The follower withdraws the request. False when nothing was pending. */
export async function cancelFollowRequest(ctx: AppContext, followerId: string, followeeId: string): Promise<boolean> {
  const cancelled = Boolean(await takeRequest(ctx.db, followerId, followeeId));
  if (cancelled) await federateAnswer(ctx, 'cancel', followeeId, followerId);
  return cancelled;
}

/** Requests waiting for `userId`'s answer (`received`) or sent by `userId` (`sent`), newest first. */
export async function listFollowRequests(ctx: AppContext, userId: string, direction: 'received' | 'sent', page: Page & { limit: number }): Promise<FollowRequestRow[]> {
  const { where, orderBy } = paginate(followRequests.id, page);
  const own = direction === 'received' ? eq(followRequests.followeeId, userId) : eq(followRequests.followerId, userId);
  return ctx.db.select().from(followRequests).where(and(own, where)).orderBy(orderBy).limit(page.limit);
}

/** Whether anyone waits for `userId`'s answer (`hasPendingReceivedFollowRequest` on `i`). */
export async function hasPendingReceivedFollowRequest(ctx: AppContext, userId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ id: followRequests.id }).from(followRequests).where(eq(followRequests.followeeId, userId)).limit(1);
  return Boolean(row);
}

/** Accepts every pending request (an account was unlocked), each in its own transaction; answers how many. */
export async function acceptAllFollowRequests(ctx: AppContext, followeeId: string): Promise<number> {
  const pending = await ctx.db.select({ followerId: followRequests.followerId }).from(followRequests).where(eq(followRequests.followeeId, followeeId));
  let accepted = 0;
  for (const request of pending) if (await acceptFollowRequest(ctx, followeeId, request.followerId)) accepted++;
  return accepted;
}
