import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { usedUsernames, users, type UserRow } from '../../db/schema/index.js';
import { isReservedUsername } from './username.js';

/** A local account by name, case-insensitively; deleted accounts are not found. */
export async function findLocalUserByUsername(ctx: AppContext, username: string): Promise<UserRow | null> {
  const [user] = await ctx.db.select().from(users)
    .where(and(eq(users.usernameLower, username.toLowerCase()), isNull(users.host), eq(users.isDeleted, false)))
    .limit(1);
  return user ?? null;
}

/** An account by id; deleted accounts are not found. */
export async function findUserById(ctx: AppContext, id: string): Promise<UserRow | null> {
  const [user] = await ctx.db.select().from(users).where(and(eq(users.id, id), eq(users.isDeleted, false))).limit(1);
  return user ?? null;
}

/** Accounts by id in one query, in no particular order; deleted ones are left out. */
export async function findUsersByIds(ctx: AppContext, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return ctx.db.select().from(users).where(and(inArray(users.id, [...ids]), eq(users.isDeleted, false)));
}

/**
 * Accounts by id, deleted ones included: Misskey's deleted-user shell (`isDeleted`) still resolves
 * where moderators look back (abuse reports, the moderation and move logs).
 */
export async function findUsersByIdsIncludingDeleted(ctx: AppContext, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return ctx.db.select().from(users).where(inArray(users.id, [...ids]));
}

/**
 * Accounts by id for packing notes and other embedded `UserLite`s, from the process cache (user
 * rows change rarely; every change Mikan makes to what packing shows calls `usersChanged`), the
 * misses in one query. Deleted accounts are left out. Not for counts or detailed profiles, which
 * change on every follow and note: use `findUsersByIds`.
 */
export async function findUsersForPacking(ctx: AppContext, ids: readonly string[]): Promise<Map<string, UserRow>> {
  if (ids.length === 0) return new Map();
  return ctx.caches.users.getMany(ids, async (missing) => {
    const rows = await findUsersByIds(ctx, missing);
    return new Map(rows.map((user) => [user.id, user]));
  });
}

/**
 * Why a local name cannot be taken: held by a living account (`duplicated`), or ever held by one,
 * deleted accounts included (`used`). Null when it is free.
 */
export async function usernameTaken(ctx: AppContext, username: string): Promise<'duplicated' | 'used' | null> {
  const lower = username.toLowerCase();
  const [holder] = await ctx.db.select({ id: users.id }).from(users)
    .where(and(eq(users.usernameLower, lower), isNull(users.host), eq(users.isDeleted, false))).limit(1);
  if (holder) return 'duplicated';
  const [used] = await ctx.db.select({ name: usedUsernames.usernameLower }).from(usedUsernames)
    .where(eq(usedUsernames.usernameLower, lower)).limit(1);
  return used ? 'used' : null;
}

/** What `username/available` answers: free, never used, and not reserved. */
export async function isUsernameAvailable(ctx: AppContext, username: string): Promise<boolean> {
  return !isReservedUsername(username, ctx.meta.get().preservedUsernames) && await usernameTaken(ctx, username) === null;
}
