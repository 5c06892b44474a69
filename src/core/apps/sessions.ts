import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNotNull, isNull, lt } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { authSessions, users, type AppRow, type AuthSessionRow, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { Permission } from '../../api/permissions.js';
import { insertAccessToken } from '../auth/tokens.js';
import { createNotification } from '../notifications/create.js';
import { APP_TOKEN_LENGTH, generateToken, hashToken, signAppToken } from '../auth/token.js';

/**
 * A legacy sign-in session lives 15 minutes from `auth/session/generate` to
 * `auth/session/userkey` (Misskey keeps them until fetched). Time enough to sign in and decide.
 */
export const AUTH_SESSION_LIFETIME_MS = 15 * 60 * 1000;

async function clearExpiredAuthSessions(ctx: AppContext): Promise<void> {
  await ctx.db.delete(authSessions).where(lt(authSessions.expiresAt, new Date()));
}

/** `auth/session/generate`: a new session for the app. The token is a UUID, stored as its hash. */
export async function createAuthSession(ctx: AppContext, app: AppRow): Promise<{ token: string }> {
  await clearExpiredAuthSessions(ctx);
  const token = randomUUID();
  await ctx.db.insert(authSessions).values({
    id: genId(),
    tokenHash: hashToken(token),
    appId: app.id,
    expiresAt: new Date(Date.now() + AUTH_SESSION_LIFETIME_MS),
  });
  return { token };
}

const live = (token: string) => and(eq(authSessions.tokenHash, hashToken(token)), gt(authSessions.expiresAt, new Date()));

/** A session that has not expired, with its app (`auth/session/show`). */
export async function findAuthSession(ctx: AppContext, token: string): Promise<{ session: AuthSessionRow; appId: string } | null> {
  if (token.length === 0 || token.length > 256) return null;
  const [session] = await ctx.db.select().from(authSessions).where(live(token));
  return session ? { session, appId: session.appId } : null;
}

/**
 * `auth/accept`: the user allows the app. Only once: a session that is unknown, expired or
 * already accepted (by anyone) is refused, so nobody can take over a session someone else
 * accepted. No token exists yet; `userkey` makes it.
 */
export async function acceptAuthSession(ctx: AppContext, token: string, userId: string): Promise<boolean> {
  if (token.length === 0 || token.length > 256) return false;
  const accepted = await ctx.db.update(authSessions).set({ userId })
    .where(and(live(token), isNull(authSessions.userId)))
    .returning({ id: authSessions.id });
  return accepted.length > 0;
}

export type UserkeyOutcome =
  | { result: 'noSuchSession' }
  | { result: 'pending' }
  | { result: 'ok'; accessToken: string; user: UserRow };

/**
 * `auth/session/userkey`: the app (proved by its secret) turns an accepted session into an access
 * token for the user who accepted it. The token is made here and handed out this once, so it is
 * never stored, not even sealed: only its hash and the hash of its signed form
 * `hex(sha256(accessToken + appSecret))`, which legacy apps send as `i`. The session is deleted in
 * the same transaction, so a second call finds nothing.
 */
export async function exchangeAuthSession(ctx: AppContext, app: AppRow, appSecret: string, token: string): Promise<UserkeyOutcome> {
  if (token.length === 0 || token.length > 256) return { result: 'noSuchSession' };
  return ctx.db.transaction(async (tx) => {
    const [session] = await tx.select().from(authSessions)
      .where(and(live(token), eq(authSessions.appId, app.id)))
      .for('update');
    if (!session) return { result: 'noSuchSession' } as const;
    if (session.userId == null) return { result: 'pending' } as const;
    await tx.delete(authSessions).where(and(eq(authSessions.id, session.id), isNotNull(authSessions.userId)));
    const [user] = await tx.select().from(users).where(and(eq(users.id, session.userId), eq(users.isDeleted, false)));
    if (!user) return { result: 'noSuchSession' } as const;
    const accessToken = generateToken(APP_TOKEN_LENGTH);
    await insertAccessToken(tx, {
      token: accessToken,
      userId: user.id,
      appId: app.id,
      permissions: app.permission as Permission[],
      name: app.name,
      description: app.description,
      iconUrl: app.iconUrl,
      signedTokenHash: hashToken(signAppToken(accessToken, appSecret)),
    });
    await createNotification(ctx, tx, { notifieeId: user.id, type: 'createToken' });
    return { result: 'ok', accessToken, user } as const;
  });
}
