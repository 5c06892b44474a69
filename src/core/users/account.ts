import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { accessTokens, authSessions, oauthCodes, userProfiles, users } from '../../db/schema/index.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { deleteAccountJob } from '../../jobs/kinds/delete-account.js';
import { revokeNativeTokens } from '../auth/native-token.js';
import { usersChanged } from '../cache/caches.js';
import { publishMainStream } from '../../bus/topics.js';
import { hashPassword, verifyPassword } from './password.js';
import { recordUser } from '../charts/record.js';
import type { Tx } from '../../db/tx.js';

/** Whether `password` is the account's password (false for accounts without one). */
export async function checkPassword(ctx: AppContext, userId: string, password: string): Promise<boolean> {
  const [profile] = await ctx.db.select({ password: userProfiles.password }).from(userProfiles).where(eq(userProfiles.userId, userId));
  return verifyPassword(profile?.password, password);
}

/** Sets a new password; tokens stay valid, as in Misskey. */
export async function setPassword(ctx: AppContext, userId: string, newPassword: string): Promise<void> {
  const hash = await hashPassword(newPassword);
  await ctx.db.update(userProfiles).set({ password: hash, updatedAt: new Date() }).where(eq(userProfiles.userId, userId));
}

/** Kills every native token of the account (Misskey's regenerate-token signs the web client out everywhere). */
export async function regenerateNativeToken(ctx: AppContext, userId: string): Promise<void> {
  await revokeNativeTokens(ctx.db, userId);
  // Before the old token's sockets are closed (on usersChanged), so that the web client hears why.
  publishMainStream(ctx, userId, 'myTokenRegenerated');
  usersChanged(ctx, userId);
}

/**
 * Deletes an account (`i/delete-account`, `admin/delete-account`): the row stays as Misskey's
 * deleted-user shell, marked deleted, so its name stays used forever and what refers to it still
 * resolves; every token, app session and OAuth code dies at once (open sockets close on
 * `usersChanged`), the password and e-mail are forgotten, and the durable `deleteAccount` job,
 * enqueued in the same commit, deletes its notes, reactions, files and follows.
 */
export async function deleteAccount(ctx: AppContext, userId: string, alsoInTransaction?: (tx: Tx) => Promise<void>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ isDeleted: true }).where(eq(users.id, userId));
    await tx.update(userProfiles).set({ password: null, email: null, emailVerified: false }).where(eq(userProfiles.userId, userId));
    await tx.delete(accessTokens).where(eq(accessTokens.userId, userId));
    await tx.delete(authSessions).where(eq(authSessions.userId, userId));
    await tx.delete(oauthCodes).where(eq(oauthCodes.userId, userId));
    await enqueueJob(ctx, tx, deleteAccountJob, { userId });
    // A moderator's deletion logs itself and queues the clean-up in the same commit.
    await alsoInTransaction?.(tx);
  });
  recordUser(ctx, { host: null }, false);
  usersChanged(ctx, userId);
}

/**
 * Suspends or reinstates an account without a moderator (tests and the command line); moderators
 * go through src/core/moderation/users.ts, which also logs the action.
 */
export async function setSuspended(ctx: AppContext, userId: string, suspended: boolean): Promise<void> {
  await ctx.db.update(users).set({ isSuspended: suspended }).where(eq(users.id, userId));
  usersChanged(ctx, userId);
}

/** Activity is written at most this often per account, so busy clients do not turn reads into writes. */
const ACTIVE_RESOLUTION_MS = 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Feeds `onlineStatus`; at most once a minute per account (the cache remembers, across processes once it is shared). */
export async function markActive(ctx: AppContext, userId: string, now = new Date()): Promise<void> {
  const key = `last-active:${userId}`;
  if (await ctx.cache.get(key)) return;
  await ctx.cache.set(key, '1', ACTIVE_RESOLUTION_MS);
  await ctx.db.update(users).set({ lastActiveDate: now }).where(eq(users.id, userId));
  // This process packs from its cached row; other processes' copies follow within their TTL (a
  // minute, against `onlineStatus`'s ten-minute window), so this is not announced on the bus.
  ctx.caches.users.delete([userId]);
}

/** Counts today (UTC) towards `loggedInDays`, once per day; Misskey counts the days its web client called `i`. */
export async function recordDailyVisit(ctx: AppContext, userId: string, now = new Date()): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  const key = `visited:${userId}:${today}`;
  if (await ctx.cache.get(key)) return;
  await ctx.cache.set(key, '1', DAY_MS);
  // The condition keeps the count right when another process (or a lost cache) asks again.
  await ctx.db.update(userProfiles)
    .set({ loggedInDays: sql`${userProfiles.loggedInDays} + 1`, lastLoggedInDay: today })
    .where(sql`${userProfiles.userId} = ${userId} AND ${userProfiles.lastLoggedInDay} IS DISTINCT FROM ${today}`);
}
