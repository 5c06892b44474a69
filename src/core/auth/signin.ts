import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { signins, userProfiles, users, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { verifyPassword } from '../users/password.js';
import { findLocalUserByUsername } from '../users/read.js';
import { issueNativeToken } from './native-token.js';
import { createNotification } from '../notifications/create.js';
import { packSignin } from './signin-history.js';
import { publishMainStream } from '../../bus/topics.js';
import { verifySecondFactor } from '../two-factor/totp.js';
import { authenticationOptions, countKeys, verifyKeyAssertion } from '../two-factor/webauthn.js';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';

/**
 * Failed passwords per account, whatever the IP: stops guessing spread over many addresses
 * (the per-IP limit is the route's). A success resets the count.
 */
export const ACCOUNT_FAILURE_LIMIT = { max: 10, windowMs: 60 * 60 * 1000 };

/** The request headers a sign-in record keeps: enough to recognise a device, never cookies or credentials. */
const RECORDED_HEADERS = ['user-agent', 'accept-language', 'origin', 'referer'];

export interface SigninAttempt {
  username: string;
  /** Absent: the client asks what to send next. */
  password?: string | null;
  /** A TOTP code or backup code, when two-factor authentication is on. */
  token?: string | null;
  /** A security key's answer (AuthenticationResponseJSON) to the challenge of an earlier `next: 'passkey'`. */
  credential?: unknown;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

export type SigninOutcome =
  | { result: 'success'; user: UserRow; token: string }
  | { result: 'next'; next: 'password' | 'totp' }
  | { result: 'next'; next: 'passkey'; authRequest: PublicKeyCredentialRequestOptionsJSON }
  | { result: 'noSuchUser' | 'userSuspended' | 'authFailed' | 'totpFailed' | 'credentialFailed' }
  | { result: 'tooManyFailures'; retryAfterMs: number };

function recordedHeaders(headers: SigninAttempt['headers']): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of RECORDED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string') kept[name] = value.slice(0, 512);
  }
  return kept;
}

async function recordFailure(ctx: AppContext, userId: string, attempt: SigninAttempt): Promise<void> {
  await ctx.db.insert(signins).values({ id: genId(), userId, ip: attempt.ip, headers: recordedHeaders(attempt.headers), success: false });
}

const failureKey = (userId: string) => `signin-failures:${userId}`;
const lockKey = (userId: string) => `signin-locked:${userId}`;

/**
 * A password sign-in, as Misskey's signin-flow: unknown and suspended accounts are refused before
 * the password is looked at; every attempt on a known account is recorded for `i/signin-history`;
 * a success issues a native token. With two-factor authentication on, the password alone answers
 * the next step (`totp`, or `passkey` with the request options when the account has security keys).
 */
export async function signIn(ctx: AppContext, attempt: SigninAttempt): Promise<SigninOutcome> {
  const user = await findLocalUserByUsername(ctx, attempt.username);
  if (!user) return { result: 'noSuchUser' };
  if (user.isSuspended) return { result: 'userSuspended' };
  if (attempt.password == null) return { result: 'next', next: 'password' };

  const lockedUntil = Number(await ctx.cache.get(lockKey(user.id)));
  if (lockedUntil > Date.now()) {
    await recordFailure(ctx, user.id, attempt);
    return { result: 'tooManyFailures', retryAfterMs: lockedUntil - Date.now() };
  }

  const [profile] = await ctx.db.select().from(userProfiles).where(eq(userProfiles.userId, user.id));
  const passwordMatched = await verifyPassword(profile?.password, attempt.password);
  const failed = async (result: 'authFailed' | 'totpFailed' | 'credentialFailed'): Promise<SigninOutcome> => {
    await recordFailure(ctx, user.id, attempt);
    const { count, resetAt } = await ctx.cache.hit(failureKey(user.id), ACCOUNT_FAILURE_LIMIT.windowMs);
    if (count >= ACCOUNT_FAILURE_LIMIT.max) await ctx.cache.set(lockKey(user.id), String(resetAt), Math.max(1, resetAt - Date.now()));
    return { result };
  };
  if (!passwordMatched) return failed('authFailed');

  // Misskey's second step: a TOTP (or backup) code, else a security key's answer, else ask for one of them.
  if (profile?.twoFactorEnabled) {
    if (attempt.token) {
      if (!await verifySecondFactor(ctx, profile, attempt.token)) return failed('totpFailed');
    } else if (attempt.credential != null) {
      const verdict = await verifyKeyAssertion(ctx, user.id, attempt.credential);
      if ('error' in verdict) return failed('credentialFailed');
    } else if (await countKeys(ctx, user.id) > 0) {
      return { result: 'next', next: 'passkey', authRequest: await authenticationOptions(ctx, user.id) };
    } else {
      return { result: 'next', next: 'totp' };
    }
  }

  return completeSignin(ctx, user, attempt);
}

/** A successful sign-in (password flow or passkey): recorded, notified, a fresh native token. */
export async function completeSignin(ctx: AppContext, user: UserRow, attempt: Pick<SigninAttempt, 'ip' | 'headers'>): Promise<SigninOutcome & { result: 'success' }> {
  const { token, record } = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx.insert(signins).values({ id: genId(), userId: user.id, ip: attempt.ip, headers: recordedHeaders(attempt.headers), success: true }).returning();
    await tx.update(users).set({ lastActiveDate: new Date() }).where(eq(users.id, user.id));
    const issued = await issueNativeToken(tx, user.id);
    await createNotification(ctx, tx, { notifieeId: user.id, type: 'login' });
    return { token: issued, record: inserted! };
  });
  // Misskey tells the account's open clients of every sign-in (main channel `signin`).
  publishMainStream(ctx, user.id, 'signin', packSignin(record));
  await ctx.cache.delete(failureKey(user.id));
  return { result: 'success', user, token };
}
