import { and, asc, desc, eq, ilike, isNull, lt, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import {
  emailVerifications, passwordResetRequests, pendingUsers, userProfiles, users, type PendingUserRow,
} from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { generateToken, hashToken } from '../auth/token.js';
import { revokeNativeTokens } from '../auth/native-token.js';
import { usersChanged } from '../cache/caches.js';
import { hashPassword } from '../users/password.js';
import { queueMail } from './transport.js';

/** Misskey's address check (a local part, an @, a dotted domain), within the column's length. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_EMAIL_LENGTH = 512;

/** Links expire: a reset link after 30 minutes (Misskey), an address confirmation after a day. */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;
export const VERIFY_CODE_TTL_MS = 24 * 60 * 60 * 1000;

export function isValidEmailAddress(address: string): boolean {
  return address.length <= MAX_EMAIL_LENGTH && EMAIL.test(address);
}

export type EmailUnavailableReason = 'used' | 'format' | 'disposable' | 'mx' | 'smtp' | 'banned' | 'network' | 'blacklist';

/**
 * Misskey's `validateEmailForAccount`: an address is available when it is well formed and no
 * account holds it verified (case-insensitive, as mail domains are).
 */
export async function validateEmailForAccount(ctx: AppContext, address: string): Promise<{ available: boolean; reason: EmailUnavailableReason | null }> {
  if (!isValidEmailAddress(address)) return { available: false, reason: 'format' };
  const [used] = await ctx.db.select({ one: sql`1` }).from(userProfiles)
    .where(and(eq(userProfiles.emailVerified, true), sql`lower(${userProfiles.email}) = lower(${address})`)).limit(1);
  if (used) return { available: false, reason: 'used' };
  return { available: true, reason: null };
}

function link(ctx: AppContext, path: string): string {
  return `${ctx.config.url}${path}`;
}

/**
 * `i/update-email`: stores the address unverified (null removes it) and mails a confirmation link
 * (GET /verify-email/:code) to a new one. Earlier links stop working.
 */
export async function changeEmail(ctx: AppContext, userId: string, email: string | null): Promise<void> {
  const code = generateToken(32);
  await ctx.db.transaction(async (tx) => {
    await tx.update(userProfiles).set({ email, emailVerified: false, updatedAt: new Date() }).where(eq(userProfiles.userId, userId));
    await tx.delete(emailVerifications).where(eq(emailVerifications.userId, userId));
    if (email === null) return;
    await tx.insert(emailVerifications).values({ codeHash: hashToken(code), userId, email, expiresAt: new Date(Date.now() + VERIFY_CODE_TTL_MS) });
    const url = link(ctx, `/verify-email/${code}`);
    await queueMail(ctx, tx, {
      to: email,
      subject: 'Email verification',
      text: `To verify email, please click this link:\n${url}`,
    });
  });
  usersChanged(ctx, userId);
}

/** GET /verify-email/:code: the account whose address is now verified, or null (unknown, used, expired or replaced). */
export async function verifyEmail(ctx: AppContext, code: string): Promise<string | null> {
  const userId = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(emailVerifications).where(eq(emailVerifications.codeHash, hashToken(code))).returning();
    if (!row || row.expiresAt.getTime() < Date.now()) return null;
    const updated = await tx.update(userProfiles).set({ emailVerified: true })
      .where(and(eq(userProfiles.userId, row.userId), eq(userProfiles.email, row.email))).returning({ userId: userProfiles.userId });
    return updated.length > 0 ? row.userId : null;
  });
  if (userId) usersChanged(ctx, userId);
  return userId;
}

/**
 * `request-reset-password`: when a local, unsuspended account has this name and this verified
 * address, mails it a single-use link valid for 30 minutes. The caller learns nothing either way.
 */
export async function requestPasswordReset(ctx: AppContext, username: string, email: string): Promise<void> {
  const [account] = await ctx.db.select({ id: users.id, email: userProfiles.email, emailVerified: userProfiles.emailVerified, suspended: users.isSuspended })
    .from(users).innerJoin(userProfiles, eq(userProfiles.userId, users.id))
    .where(and(eq(users.usernameLower, username.toLowerCase()), isNull(users.host))).limit(1);
  if (!account || account.suspended || !account.emailVerified || !account.email) return;
  if (account.email.toLowerCase() !== email.toLowerCase()) return;
  const token = generateToken(48);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(passwordResetRequests).where(lt(passwordResetRequests.expiresAt, new Date()));
    await tx.insert(passwordResetRequests).values({ tokenHash: hashToken(token), userId: account.id, expiresAt: new Date(Date.now() + RESET_TOKEN_TTL_MS) });
    const url = link(ctx, `/reset-password/${token}`);
    await queueMail(ctx, tx, {
      to: account.email!,
      subject: 'Password reset',
      text: `A password reset was requested for @${username}. To choose a new password, open this link within 30 minutes:\n${url}\n\nIf you did not ask for this, ignore this message.`,
    });
  });
}

/**
 * `reset-password`: sets the new password when the token is known and unexpired, consumes it (and
 * the account's other reset links), and signs the account's web sessions out. False otherwise.
 */
export async function resetPasswordWithToken(ctx: AppContext, token: string, password: string): Promise<boolean> {
  const hash = await hashPassword(password);
  const userId = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(passwordResetRequests).where(eq(passwordResetRequests.tokenHash, hashToken(token))).returning();
    if (!row || row.expiresAt.getTime() < Date.now()) return null;
    await tx.delete(passwordResetRequests).where(eq(passwordResetRequests.userId, row.userId));
    await tx.update(userProfiles).set({ password: hash, updatedAt: new Date() }).where(eq(userProfiles.userId, row.userId));
    await revokeNativeTokens(tx, row.userId);
    return row.userId;
  });
  if (userId) usersChanged(ctx, userId);
  return userId !== null;
}

/**
 * Sign-up under `emailRequiredForSignup` (Misskey's `user_pending`): the chosen name, address and
 * password hash wait here; the mailed link (/signup-complete/:code in the web client) calls
 * `signup-pending`, which creates the account with the address verified.
 */
export async function createPendingSignup(ctx: AppContext, input: { username: string; password: string; email: string }): Promise<void> {
  const code = generateToken(32);
  const password = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    await tx.insert(pendingUsers).values({ id: genId(), codeHash: hashToken(code), username: input.username, email: input.email, password });
    const url = link(ctx, `/signup-complete/${code}`);
    await queueMail(ctx, tx, {
      to: input.email,
      subject: 'Signup',
      text: `To complete signup, please click this link:\n${url}`,
    });
  });
}

export function findPendingByCode(ctx: AppContext, code: string): Promise<PendingUserRow | undefined> {
  return ctx.db.select().from(pendingUsers).where(eq(pendingUsers.codeHash, hashToken(code))).then((rows) => rows[0]);
}

/** Removes a pending sign-up; false when it was already gone (finished or revoked meanwhile). */
export async function deletePending(ctx: AppContext, id: string): Promise<boolean> {
  const deleted = await ctx.db.delete(pendingUsers).where(eq(pendingUsers.id, id)).returning({ id: pendingUsers.id });
  return deleted.length > 0;
}

export interface PendingQuery {
  limit: number;
  offset: number;
  sort?: '+createdAt' | '-createdAt';
  username?: string | null;
  email?: string | null;
  code?: string | null;
}

export async function listPending(ctx: AppContext, query: PendingQuery): Promise<PendingUserRow[]> {
  const escape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
  const conditions = [
    query.username ? ilike(pendingUsers.username, `%${escape(query.username)}%`) : undefined,
    query.email ? ilike(pendingUsers.email, `%${escape(query.email)}%`) : undefined,
    query.code ? eq(pendingUsers.codeHash, hashToken(query.code)) : undefined,
  ];
  return ctx.db.select().from(pendingUsers).where(and(...conditions))
    .orderBy(query.sort === '+createdAt' ? asc(pendingUsers.id) : desc(pendingUsers.id))
    .limit(query.limit).offset(query.offset);
}

export function packPending(row: PendingUserRow): { id: string; createdAt: string; username: string; email: string } {
  return { id: row.id, createdAt: row.createdAt.toISOString(), username: row.username, email: row.email };
}
