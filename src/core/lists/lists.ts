import { and, asc, count, eq, gt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { blockings, userListFavorites, userListMemberships, userLists, type UserListMembershipRow, type UserListRow } from '../../db/schema/index.js';
import type { Executor, Tx } from '../../db/tx.js';
import { genId } from '../../misc/id.js';
import { publishUserListStream } from '../../bus/topics.js';
import { lockUserPair } from '../following/pair-lock.js';
import { paginate, type Page } from '../pagination.js';
import { packUserLite } from '../users/pack.js';
import { findUserById } from '../users/read.js';
import { policiesOf } from '../roles/policies.js';

/**
 * User lists (Misskey's `users/lists/*`). A private list is visible to its owner only: every read
 * takes either the owner (`ownedBy`) or `forPublic`, which finds public lists only. Limits come from
 * the role policies `userListLimit` (lists per user) and `userEachUserListsLimit` (users per list).
 */

/** Serialises list writes of one owner, so concurrent creates/pushes cannot overshoot the limits. */
async function lockOwner(tx: Tx, ownerId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`user-lists:${ownerId}`}, 0))`);
}

async function countLists(db: Executor, ownerId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(userLists).where(eq(userLists.userId, ownerId));
  return row?.n ?? 0;
}

async function countMembers(db: Executor, listId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(userListMemberships).where(eq(userListMemberships.userListId, listId));
  return row?.n ?? 0;
}

/** Whether one of the owner's lists holds more users than the policy now allows (it was lowered since). */
async function hasOverfullList(db: Executor, ownerId: string, limit: number): Promise<boolean> {
  const rows = await db.select({ listId: userListMemberships.userListId }).from(userListMemberships)
    .where(eq(userListMemberships.userListUserId, ownerId))
    .groupBy(userListMemberships.userListId).having(gt(count(), limit)).limit(1);
  return rows.length > 0;
}

/** A list the caller may read: their own, or with `forPublic` any public list. */
export async function findList(ctx: AppContext, listId: string, viewerId: string | null, forPublic: boolean): Promise<UserListRow | null> {
  if (!forPublic && viewerId == null) return null;
  const [list] = await ctx.db.select().from(userLists).where(forPublic
    ? and(eq(userLists.id, listId), eq(userLists.isPublic, true))
    : and(eq(userLists.id, listId), eq(userLists.userId, viewerId!))).limit(1);
  return list ?? null;
}

export async function findOwnList(ctx: AppContext, listId: string, ownerId: string): Promise<UserListRow | null> {
  return findList(ctx, listId, ownerId, false);
}

/** The owner's lists (`mine`), or another user's public lists, oldest first. */
export async function listListsOf(ctx: AppContext, ownerId: string, publicOnly: boolean): Promise<UserListRow[]> {
  return ctx.db.select().from(userLists)
    .where(publicOnly ? and(eq(userLists.userId, ownerId), eq(userLists.isPublic, true)) : eq(userLists.userId, ownerId))
    .orderBy(asc(userLists.id));
}

export type CreateListResult = { list: UserListRow } | { error: 'tooManyUserLists' | 'listUsersLimitExceeded' };

/** A new, empty, private list, within the owner's `userListLimit`. */
export async function createList(ctx: AppContext, ownerId: string, name: string): Promise<CreateListResult> {
  const policies = await policiesOf(ctx, ownerId);
  return ctx.db.transaction(async (tx): Promise<CreateListResult> => {
    await lockOwner(tx, ownerId);
    if (await countLists(tx, ownerId) >= policies.userListLimit) return { error: 'tooManyUserLists' };
    if (await hasOverfullList(tx, ownerId, policies.userEachUserListsLimit)) return { error: 'listUsersLimitExceeded' };
    const [list] = await tx.insert(userLists).values({ id: genId(), userId: ownerId, name }).returning();
    return { list: list! };
  });
}

export type CopyListResult = { list: UserListRow } | { error: 'noSuchList' | 'tooManyUserLists' | 'listUsersLimitExceeded' | 'youHaveBeenBlocked' | 'tooManyUsers' };

/**
 * `users/lists/create-from-public`: a new private list holding the public list's members. All or
 * nothing (Misskey leaves a half-filled list behind when a member refuses): a member who blocks the
 * caller refuses the whole copy. Members whose account was deleted are skipped.
 */
export async function copyPublicList(ctx: AppContext, ownerId: string, sourceId: string, name: string): Promise<CopyListResult> {
  const policies = await policiesOf(ctx, ownerId);
  const source = await findList(ctx, sourceId, ownerId, true);
  if (!source) return { error: 'noSuchList' };
  const result = await ctx.db.transaction(async (tx): Promise<CopyListResult & { added?: UserListMembershipRow[] }> => {
    await lockOwner(tx, ownerId);
    if (await countLists(tx, ownerId) >= policies.userListLimit) return { error: 'tooManyUserLists' };
    if (await hasOverfullList(tx, ownerId, policies.userEachUserListsLimit)) return { error: 'listUsersLimitExceeded' };
    const { rows: members } = await tx.execute<{ user_id: string; with_replies: boolean; blocks_me: boolean }>(sql`
      SELECT m.user_id, m.with_replies,
             EXISTS (SELECT 1 FROM ${blockings} b WHERE b.blocker_id = m.user_id AND b.blockee_id = ${ownerId}) AS blocks_me
      FROM ${userListMemberships} m JOIN users u ON u.id = m.user_id
      WHERE m.user_list_id = ${sourceId} AND u.is_deleted = false
      ORDER BY m.id`);
    if (members.some((member) => member.user_id !== ownerId && member.blocks_me)) return { error: 'youHaveBeenBlocked' };
    if (members.length > policies.userEachUserListsLimit) return { error: 'tooManyUsers' };
    const [list] = await tx.insert(userLists).values({ id: genId(), userId: ownerId, name }).returning();
    const added = members.length === 0 ? [] : await tx.insert(userListMemberships).values(members.map((member) => ({
      id: genId(), userListId: list!.id, userListUserId: ownerId, userId: member.user_id, withReplies: member.with_replies,
    }))).returning();
    return { list: list!, added };
  });
  return result;
}

/** Renames and/or publishes a list. Refused while the owner is over a (since lowered) limit, as the fork does. */
export async function updateList(ctx: AppContext, list: UserListRow, change: { name?: string; isPublic?: boolean }): Promise<{ list: UserListRow } | { error: 'listLimitExceeded' | 'listUsersLimitExceeded' }> {
  const policies = await policiesOf(ctx, list.userId);
  if (await countLists(ctx.db, list.userId) > policies.userListLimit) return { error: 'listLimitExceeded' };
  if (await countMembers(ctx.db, list.id) > policies.userEachUserListsLimit) return { error: 'listUsersLimitExceeded' };
  const patch: Partial<Pick<UserListRow, 'name' | 'isPublic'>> = {};
  if (change.name !== undefined) patch.name = change.name;
  if (change.isPublic !== undefined) patch.isPublic = change.isPublic;
  if (Object.keys(patch).length === 0) return { list };
  const [updated] = await ctx.db.update(userLists).set(patch).where(eq(userLists.id, list.id)).returning();
  return { list: updated ?? list };
}

/** Deletes a list with its memberships and favourites (cascade). */
export async function deleteList(ctx: AppContext, listId: string): Promise<void> {
  await ctx.db.delete(userLists).where(eq(userLists.id, listId));
}

export type PushResult = 'ok' | 'noSuchUser' | 'youHaveBeenBlocked' | 'alreadyAdded' | 'tooManyUsers' | 'listLimitExceeded' | 'listUsersLimitExceeded';

/**
 * Adds a user to a list (Misskey's checks, in its order): the user must exist and must not block
 * the list's owner; not already a member; the list below `userEachUserListsLimit`. The block check
 * and the insert hold the pair lock blocks take, so a concurrent block cannot be missed.
 * Publishes `userAdded` on the list's stream after commit.
 */
export async function pushToList(ctx: AppContext, list: UserListRow, userId: string): Promise<PushResult> {
  const policies = await policiesOf(ctx, list.userId);
  const user = await findUserById(ctx, userId);
  if (!user) return 'noSuchUser';
  const result = await ctx.db.transaction(async (tx): Promise<PushResult> => {
    await lockOwner(tx, list.userId);
    if (user.id !== list.userId) {
      await lockUserPair(tx, list.userId, user.id);
      const [blocked] = await tx.select({ id: blockings.id }).from(blockings)
        .where(and(eq(blockings.blockerId, user.id), eq(blockings.blockeeId, list.userId))).limit(1);
      if (blocked) return 'youHaveBeenBlocked';
    }
    const [existing] = await tx.select({ id: userListMemberships.id }).from(userListMemberships)
      .where(and(eq(userListMemberships.userListId, list.id), eq(userListMemberships.userId, user.id))).limit(1);
    if (existing) return 'alreadyAdded';
    if (await countLists(tx, list.userId) > policies.userListLimit) return 'listLimitExceeded';
    const members = await countMembers(tx, list.id);
    if (members > policies.userEachUserListsLimit) return 'listUsersLimitExceeded';
    if (members >= policies.userEachUserListsLimit) return 'tooManyUsers';
    await tx.insert(userListMemberships).values({ id: genId(), userListId: list.id, userListUserId: list.userId, userId: user.id });
    return 'ok';
  });
  if (result === 'ok') publishUserListStream(ctx, list.id, 'userAdded', packUserLite(ctx, user));
  return result;
}

/** Removes a user from a list (not being a member is not an error, as in Misskey). Publishes `userRemoved`. */
export async function pullFromList(ctx: AppContext, list: UserListRow, userId: string): Promise<'ok' | 'noSuchUser'> {
  const user = await findUserById(ctx, userId);
  if (!user) return 'noSuchUser';
  const removed = await ctx.db.delete(userListMemberships)
    .where(and(eq(userListMemberships.userListId, list.id), eq(userListMemberships.userId, user.id))).returning({ id: userListMemberships.id });
  if (removed.length > 0) publishUserListStream(ctx, list.id, 'userRemoved', packUserLite(ctx, user));
  return 'ok';
}

/** Changes a member's `withReplies`. A user who is not a member answers `noSuchUser`, as in Misskey. */
export async function updateMembership(ctx: AppContext, list: UserListRow, userId: string, change: { withReplies?: boolean }): Promise<'ok' | 'noSuchUser' | 'listLimitExceeded' | 'listUsersLimitExceeded'> {
  const policies = await policiesOf(ctx, list.userId);
  const user = await findUserById(ctx, userId);
  if (!user) return 'noSuchUser';
  const [membership] = await ctx.db.select().from(userListMemberships)
    .where(and(eq(userListMemberships.userListId, list.id), eq(userListMemberships.userId, user.id))).limit(1);
  if (!membership) return 'noSuchUser';
  if (await countLists(ctx.db, list.userId) > policies.userListLimit) return 'listLimitExceeded';
  if (await countMembers(ctx.db, list.id) > policies.userEachUserListsLimit) return 'listUsersLimitExceeded';
  if (change.withReplies !== undefined) {
    await ctx.db.update(userListMemberships).set({ withReplies: change.withReplies }).where(eq(userListMemberships.id, membership.id));
  }
  return 'ok';
}

/** A page of a list's memberships (newest first, Misskey's paging). */
export async function listMemberships(ctx: AppContext, listId: string, page: Page & { limit: number }): Promise<UserListMembershipRow[]> {
  const { where, orderBy } = paginate(userListMemberships.id, page);
  return ctx.db.select().from(userListMemberships).where(and(eq(userListMemberships.userListId, listId), where)).orderBy(orderBy).limit(page.limit);
}

/** Likes of a public list: how many, and whether the viewer is one. */
export async function listLikes(ctx: AppContext, listId: string, viewerId: string | null): Promise<{ likedCount: number; isLiked: boolean }> {
  const [row] = await ctx.db.select({
    n: count(),
    mine: viewerId ? sql<boolean>`coalesce(bool_or(${userListFavorites.userId} = ${viewerId}), false)` : sql<boolean>`false`,
  }).from(userListFavorites).where(eq(userListFavorites.userListId, listId));
  return { likedCount: row?.n ?? 0, isLiked: Boolean(row?.mine) };
}

/** Favourites a public list; false when it already was. */
export async function favoriteList(ctx: AppContext, userId: string, listId: string): Promise<boolean> {
  const inserted = await ctx.db.insert(userListFavorites).values({ id: genId(), userId, userListId: listId })
    .onConflictDoNothing().returning({ id: userListFavorites.id });
  return inserted.length > 0;
}

/** Removes a favourite; false when there was none. */
export async function unfavoriteList(ctx: AppContext, userId: string, listId: string): Promise<boolean> {
  const removed = await ctx.db.delete(userListFavorites)
    .where(and(eq(userListFavorites.userId, userId), eq(userListFavorites.userListId, listId))).returning({ id: userListFavorites.id });
  return removed.length > 0;
}

/**
 * Misskey's rule when `blockerId` blocks `blockeeId`: the blocker leaves every list the blockee
 * owns. Runs inside the block's transaction; returns the lists changed, for `publishRemovedFromLists`
 * after commit.
 */
export async function removeFromListsOf(tx: Executor, ownerId: string, userId: string): Promise<string[]> {
  const removed = await tx.delete(userListMemberships)
    .where(and(eq(userListMemberships.userListUserId, ownerId), eq(userListMemberships.userId, userId)))
    .returning({ listId: userListMemberships.userListId });
  return removed.map((row) => row.listId);
}

export async function publishRemovedFromLists(ctx: AppContext, listIds: readonly string[], userId: string): Promise<void> {
  if (listIds.length === 0) return;
  const user = await findUserById(ctx, userId);
  if (!user) return;
  const packed = packUserLite(ctx, user);
  for (const listId of listIds) publishUserListStream(ctx, listId, 'userRemoved', packed);
}
