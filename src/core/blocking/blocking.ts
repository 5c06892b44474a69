import { and, eq, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { blockings, followRequests, type BlockingRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { paginate, type Page } from '../pagination.js';
import { removeFollowing } from '../following/follow.js';
import { lockUserPair } from '../following/pair-lock.js';
import { relationsChanged } from '../cache/caches.js';
import { recordFollowing } from '../charts/record.js';
import { publishRemovedFromLists, removeFromListsOf } from '../lists/lists.js';

/** Which way a block stands between two users, if any. */
export async function blockBetween(db: Executor, userId: string, otherId: string): Promise<{ blocking: boolean; blocked: boolean }> {
  const rows = await db.select({ blockerId: blockings.blockerId }).from(blockings).where(or(
    and(eq(blockings.blockerId, userId), eq(blockings.blockeeId, otherId)),
    and(eq(blockings.blockerId, otherId), eq(blockings.blockeeId, userId)),
  ));
  return { blocking: rows.some((row) => row.blockerId === userId), blocked: rows.some((row) => row.blockerId === otherId) };
}

/**
 * Blocks `blockeeId`: in the same transaction, follows both ways end (counts updated) and pending
 * follow requests both ways are dropped, so no window exists where the block stands but a follow
 * survives. False when the block already existed.
 */
export async function block(ctx: AppContext, blockerId: string, blockeeId: string): Promise<boolean> {
  let leftLists: string[] = [];
  let endedFollows: [string, string][] = [];
  const blocked = await ctx.db.transaction(async (tx) => {
    endedFollows = [];
    await lockUserPair(tx, blockerId, blockeeId);
    const inserted = await tx.insert(blockings).values({ id: genId(), blockerId, blockeeId })
      .onConflictDoNothing().returning({ id: blockings.id });
    if (inserted.length === 0) return false;
    // Misskey: the blocker leaves the blockee's lists.
    leftLists = await removeFromListsOf(tx, blockeeId, blockerId);
    if (await removeFollowing(tx, blockerId, blockeeId)) endedFollows.push([blockerId, blockeeId]);
    if (await removeFollowing(tx, blockeeId, blockerId)) endedFollows.push([blockeeId, blockerId]);
    await tx.delete(followRequests).where(or(
      and(eq(followRequests.followerId, blockerId), eq(followRequests.followeeId, blockeeId)),
      and(eq(followRequests.followerId, blockeeId), eq(followRequests.followeeId, blockerId)),
    ));
    return true;
  });
  for (const [followerId, followeeId] of endedFollows) recordFollowing(ctx, { id: followerId, host: null }, { id: followeeId, host: null }, false);
  await publishRemovedFromLists(ctx, leftLists, blockerId);
  if (blocked) relationsChanged(ctx, blockerId, blockeeId);
  return blocked;
}

/** Lifts a block; false when there was none. */
export async function unblock(ctx: AppContext, blockerId: string, blockeeId: string): Promise<boolean> {
  const deleted = await ctx.db.delete(blockings)
    .where(and(eq(blockings.blockerId, blockerId), eq(blockings.blockeeId, blockeeId))).returning({ id: blockings.id });
  if (deleted.length > 0) relationsChanged(ctx, blockerId, blockeeId);
  return deleted.length > 0;
}

export async function listBlockings(ctx: AppContext, blockerId: string, page: Page & { limit: number }): Promise<BlockingRow[]> {
  const { where, orderBy } = paginate(blockings.id, page);
  return ctx.db.select().from(blockings).where(and(eq(blockings.blockerId, blockerId), where)).orderBy(orderBy).limit(page.limit);
}
