import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { blockings, followings, mutings, userAccountMoveLogs, userListMemberships, users, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { block } from '../blocking/blocking.js';
import { usersChanged, relationsChanged } from '../cache/caches.js';
import { follow, removeFollowing } from '../following/follow.js';
import { announceFollowChange } from '../following/events.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { unfollowAfterMoveJob } from '../../jobs/kinds/unfollow-after-move.js';
import { findLocalUserByUsername } from './read.js';

/** A local account's ActivityPub id, as Misskey stores it in `alsoKnownAs` and `movedToUri`. */
export function localUserUri(ctx: AppContext, userId: string): string {
  return `${ctx.config.url}/users/${userId}`;
}

/**
 * The local account id a URI names (`<url>/users/<id>`), or null: without federation only local
 * URIs resolve, and Misskey answers null where resolving fails.
 */
export function localUserIdOfUri(ctx: AppContext, uri: string | null | undefined): string | null {
  const prefix = `${ctx.config.url}/users/`;
  if (!uri?.startsWith(prefix)) return null;
  const id = uri.slice(prefix.length);
  return /^[0-9a-z]{1,32}$/.test(id) ? id : null;
}

/**
 * `@user`, `user`, `@user@host` (Misskey's `Acct.parse`) to an account. A host other than this
 * server's would be fetched over ActivityPub; federation does not exist yet, so it is not found.
 */
export async function resolveAcct(ctx: AppContext, acct: string): Promise<UserRow | null> {
  const parts = (acct.startsWith('@') ? acct.slice(1) : acct).split('@');
  const username = parts[0] ?? '';
  const host = parts.length > 1 ? parts.slice(1).join('@') : null;
  if (username === '') return null;
  if (host !== null && host.toLowerCase() !== ctx.config.hostname.toLowerCase()) return null;
  return findLocalUserByUsername(ctx, username);
}

export type AliasRefusal = 'noSuchUser' | 'forbiddenToSetYourself';
export class AliasError extends Error {
  constructor(readonly reason: AliasRefusal) { super(reason); }
}

/**
 * `i/update`'s `alsoKnownAs`: every entry resolved to an account's URI (Misskey), oneself refused,
 * entries naming the same account collapsed, first occurrence first. Empty: null.
 */
export async function resolveAliases(ctx: AppContext, userId: string, entries: readonly string[]): Promise<string[] | null> {
  const uris = new Set<string>();
  for (const entry of entries) {
    const user = await resolveAcct(ctx, entry);
    if (!user) throw new AliasError('noSuchUser');
    if (user.id === userId) throw new AliasError('forbiddenToSetYourself');
    uris.add(localUserUri(ctx, user.id));
  }
  return uris.size > 0 ? [...uris] : null;
}

/** Packed `alsoKnownAs`: the ids of the accounts the URIs name (Misskey resolves them), null when none. */
export function packAliases(ctx: AppContext, uris: readonly string[] | null): string[] | null {
  if (!uris || uris.length === 0) return null;
  return uris.map((uri) => localUserIdOfUri(ctx, uri)).filter((id): id is string => id !== null);
}

export type MoveRefusal = 'rootForbidden' | 'alreadyMoved' | 'noSuchUser' | 'destinationAccountForbids';
export class MoveError extends Error {
  constructor(readonly reason: MoveRefusal) { super(reason); }
}

/** How long the moved account keeps following who it followed (Misskey: 24 hours). */
export const UNFOLLOW_AFTER_MOVE_MS = 24 * 60 * 60 * 1000;

/**
 * `i/move` between local accounts, as Misskey's AccountMoveService.moveFromLocal: the mover
 * records the destination (`movedToUri`, `movedAt`, the destination added to its aliases), its
 * local followers follow the destination instead (a locked destination keeps who already followed
 * it; others are asked through follow requests unless it auto-accepts them), who blocked or muted
 * the mover blocks or mutes the destination too, lists holding the mover hold the destination, and
 * the mover's own follows end after 24 hours (a durable job). Counts always equal the rows: the
 * followers' follows of the mover end (Misskey zeroes the counts and keeps the rows).
 */
export async function moveAccount(ctx: AppContext, src: UserRow, acct: string): Promise<{ user: UserRow; destination: UserRow; followersMoved: number }> {
  if (src.isRoot) throw new MoveError('rootForbidden');
  if (src.movedToUri) throw new MoveError('alreadyMoved');
  const dst = await resolveAcct(ctx, acct);
  if (!dst) throw new MoveError('noSuchUser');
  const srcUri = localUserUri(ctx, src.id);
  const dstUri = localUserUri(ctx, dst.id);
  // The destination must name the mover as an alias, and must not have moved away itself.
  if (dst.id === src.id || !(dst.alsoKnownAs ?? []).includes(srcUri) || dst.movedToUri) throw new MoveError('destinationAccountForbids');

  const moved = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(users).where(eq(users.id, src.id)).for('update');
    if (!row || row.movedToUri) throw new MoveError('alreadyMoved');
    const aliases = row.alsoKnownAs ?? [];
    const [updated] = await tx.update(users).set({
      movedToUri: dstUri,
      movedAt: new Date(),
      alsoKnownAs: aliases.includes(dstUri) ? aliases : [...aliases, dstUri],
    }).where(eq(users.id, src.id)).returning();
    await tx.insert(userAccountMoveLogs).values({ id: genId(), movedFromId: src.id, movedToId: dst.id, movedToUri: dstUri });
    await enqueueJob(ctx, tx, unfollowAfterMoveJob, { userId: src.id }, { startAfter: new Date(Date.now() + UNFOLLOW_AFTER_MOVE_MS) });
    return updated!;
  });
  usersChanged(ctx, src.id);

  // Who blocked or muted the mover does the same to the destination; lists follow the account.
  const blockers = await ctx.db.select({ id: blockings.blockerId }).from(blockings).where(eq(blockings.blockeeId, src.id));
  for (const { id } of blockers) if (id !== dst.id) await block(ctx, id, dst.id);
  const muters = await ctx.db.select({ id: mutings.muterId, expiresAt: mutings.expiresAt }).from(mutings).where(eq(mutings.muteeId, src.id));
  for (const muting of muters) {
    if (muting.id === dst.id) continue;
    const inserted = await ctx.db.insert(mutings).values({ id: genId(), muterId: muting.id, muteeId: dst.id, expiresAt: muting.expiresAt })
      .onConflictDoNothing().returning({ id: mutings.id });
    if (inserted.length > 0) relationsChanged(ctx, muting.id);
  }
  const memberships = await ctx.db.select().from(userListMemberships).where(eq(userListMemberships.userId, src.id));
  for (const membership of memberships) {
    if (membership.userListUserId === dst.id) continue;
    const [present] = await ctx.db.select({ id: userListMemberships.id }).from(userListMemberships)
      .where(and(eq(userListMemberships.userListId, membership.userListId), eq(userListMemberships.userId, dst.id))).limit(1);
    if (!present) {
      await ctx.db.insert(userListMemberships).values({
        id: genId(), userListId: membership.userListId, userListUserId: membership.userListUserId, userId: dst.id, withReplies: membership.withReplies,
      }).onConflictDoNothing();
    }
  }

  // The local followers move to the destination.
  const followers = await ctx.db.select({ user: users, withReplies: followings.withReplies }).from(followings)
    .innerJoin(users, eq(users.id, followings.followerId))
    .where(and(eq(followings.followeeId, src.id), isNull(users.host)));
  let followersMoved = 0;
  for (const { user: follower, withReplies } of followers) {
    if (follower.id === dst.id) continue;
    const outcome = await follow(ctx, follower, dst, { withReplies });
    // Blocked either way: the follower stays with the old account.
    if (outcome === 'blocking' || outcome === 'blocked') continue;
    const removed = await ctx.db.transaction((tx) => removeFollowing(tx, follower.id, src.id));
    if (removed) {
      announceFollowChange(ctx, 'unfollow', follower.id, src.id);
      followersMoved += 1;
    }
  }
  const [user] = await ctx.db.select().from(users).where(eq(users.id, src.id));
  const [destination] = await ctx.db.select().from(users).where(eq(users.id, dst.id));
  usersChanged(ctx, src.id, dst.id);
  return { user: user ?? moved, destination: destination ?? dst, followersMoved };
}

/** The moved account's own follows end (the delayed part of a move). Idempotent. */
export async function unfollowAllOf(ctx: AppContext, userId: string): Promise<number> {
  const rows = await ctx.db.select({ followeeId: followings.followeeId }).from(followings).where(eq(followings.followerId, userId));
  let ended = 0;
  for (const { followeeId } of rows) {
    const removed = await ctx.db.transaction((tx) => removeFollowing(tx, userId, followeeId));
    if (removed) {
      announceFollowChange(ctx, 'unfollow', userId, followeeId);
      ended += 1;
    }
  }
  return ended;
}
