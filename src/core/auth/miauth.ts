import { and, eq, gt, isNotNull, lt } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { accessTokens, users, type UserRow } from '../../db/schema/index.js';
import { uniqueViolation } from '../../db/errors.js';
import { genId } from '../../misc/id.js';
import { grantablePermissionsOf } from './grant.js';
import { openToken, sealToken } from './sealed-token.js';
import { createNotification } from '../notifications/create.js';
import { APP_TOKEN_LENGTH, generateToken, hashToken } from './token.js';

/**
 * How long a MiAuth token waits for its app's `check` after the user allowed it. Misskey keeps it
 * forever; an app that has not come back within 15 minutes has lost the session, and a sealed
 * token lying around has no use. The token itself stays valid (the user may have copied it from
 * Settings > API, which uses a session too); only its hand-out through `check` ends.
 */
export const MIAUTH_PENDING_MS = 15 * 60 * 1000;

export class SessionAlreadyUsedError extends Error {
  constructor() { super('this MiAuth session has already been used'); }
}

export interface GenTokenInput {
  session: string | null;
  name?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  permission: readonly string[];
}

/**
 * `miauth/gen-token`: issues a token for the caller with the grantable part of the requested
 * permissions. With a session, the token also waits (sealed under the session id, see
 * sealed-token.ts) for the app's one `POST /api/miauth/:session/check`. A session id can be used
 * once.
 */
export async function generateMiAuthToken(ctx: AppContext, userId: string, input: GenTokenInput): Promise<{ id: string; token: string }> {
  const id = genId();
  const token = generateToken(APP_TOKEN_LENGTH);
  const pending = input.session != null
    ? {
      sessionHash: hashToken(input.session),
      pendingToken: sealToken(token, input.session, id),
      pendingExpiresAt: new Date(Date.now() + MIAUTH_PENDING_MS),
    }
    : {};
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.insert(accessTokens).values({
        id,
        userId,
        tokenHash: hashToken(token),
        isNative: false,
        permissions: grantablePermissionsOf(input.permission),
        name: input.name ?? null,
        description: input.description ?? null,
        iconUrl: input.iconUrl ?? null,
        ...pending,
      });
      await createNotification(ctx, tx, { notifieeId: userId, type: 'createToken' });
    });
  } catch (error) {
    if (uniqueViolation(error) === 'access_tokens_session_hash_unique') throw new SessionAlreadyUsedError();
    throw error;
  }
  return { id, token };
}

/** Forgets sealed tokens whose app never came for them. */
export async function clearExpiredMiAuthTokens(ctx: AppContext): Promise<void> {
  await ctx.db.update(accessTokens).set({ pendingToken: null, pendingExpiresAt: null })
    .where(and(isNotNull(accessTokens.pendingExpiresAt), lt(accessTokens.pendingExpiresAt, new Date())));
}

/**
 * `POST /api/miauth/:session/check`: the session's token and its owner, exactly once. Null before
 * the user allowed it, for unknown and expired sessions, and after the first fetch. The sealed
 * token is deleted in the same transaction that reads it, so two concurrent checks cannot both win.
 */
export async function fetchMiAuthToken(ctx: AppContext, session: string): Promise<{ token: string; user: UserRow } | null> {
  await clearExpiredMiAuthTokens(ctx);
  const sessionHash = hashToken(session);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ id: accessTokens.id, userId: accessTokens.userId, pendingToken: accessTokens.pendingToken })
      .from(accessTokens)
      .where(and(eq(accessTokens.sessionHash, sessionHash), isNotNull(accessTokens.pendingToken), gt(accessTokens.pendingExpiresAt, new Date())))
      .for('update');
    if (!row?.pendingToken) return null;
    await tx.update(accessTokens).set({ pendingToken: null, pendingExpiresAt: null }).where(eq(accessTokens.id, row.id));
    const token = openToken(row.pendingToken, session, row.id);
    if (token === null) return null;
    const [user] = await tx.select().from(users).where(and(eq(users.id, row.userId), eq(users.isDeleted, false)));
    return user ? { token, user } : null;
  });
}
