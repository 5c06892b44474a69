import { inArray } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userListMemberships, type UserListMembershipRow, type UserListRow } from '../../db/schema/index.js';
import { packUserLite } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import type { UserList, UserListMembership } from './schema.js';

/** Lists with their members' ids (Misskey's `UserList`), in order; one query for all members. */
export async function packUserLists(ctx: AppContext, lists: readonly UserListRow[]): Promise<UserList[]> {
  if (lists.length === 0) return [];
  const rows = await ctx.db.select({ listId: userListMemberships.userListId, userId: userListMemberships.userId })
    .from(userListMemberships).where(inArray(userListMemberships.userListId, lists.map((list) => list.id)))
    .orderBy(userListMemberships.id);
  const members = new Map<string, string[]>();
  for (const row of rows) members.set(row.listId, [...(members.get(row.listId) ?? []), row.userId]);
  return lists.map((list) => ({
    id: list.id,
    createdAt: list.createdAt.toISOString(),
    name: list.name,
    userIds: members.get(list.id) ?? [],
    isPublic: list.isPublic,
  }));
}

export async function packUserList(ctx: AppContext, list: UserListRow): Promise<UserList> {
  const [packed] = await packUserLists(ctx, [list]);
  return packed!;
}

/** Memberships with their users as UserLite; one query for the users. Members whose account is gone are left out. */
export async function packMemberships(ctx: AppContext, rows: readonly UserListMembershipRow[]): Promise<UserListMembership[]> {
  const users = new Map((await findUsersByIds(ctx, [...new Set(rows.map((row) => row.userId))])).map((user) => [user.id, packUserLite(ctx, user)]));
  return rows.flatMap((row) => {
    const user = users.get(row.userId);
    return user ? [{ id: row.id, createdAt: row.createdAt.toISOString(), userId: row.userId, user, withReplies: row.withReplies }] : [];
  });
}
