import { and, asc, desc, eq, sql, or } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { usersChanged } from '../cache/caches.js';
import { accessTokens } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { Permission } from '../../api/permissions.js';
import type { DbOrTx } from './native-token.js';
import { APP_TOKEN_LENGTH, generateToken, hashToken } from './token.js';

export interface NewAccessToken {
  userId: string;
  permissions: Permission[];
  name?: string | null;
  description?: string | null;
  iconUrl?: string | null;
  /** The legacy app or OAuth client the token is for. */
  appId?: string | null;
  /** hex(sha256(hex(sha256(token + appSecret)))) — only legacy apps' tokens have a signed form. */
  signedTokenHash?: string | null;
}

/** Issues a third-party (non-native) token inside `db` (a transaction or not); the plain token is returned once and never stored. */
export async function insertAccessToken(db: DbOrTx, input: NewAccessToken & { id?: string; token?: string }): Promise<{ id: string; token: string }> {
  const token = input.token ?? generateToken(APP_TOKEN_LENGTH);
  const id = input.id ?? genId();
  await db.insert(accessTokens).values({
    id,
    userId: input.userId,
    tokenHash: hashToken(token),
    signedTokenHash: input.signedTokenHash ?? null,
    isNative: false,
    permissions: [...new Set(input.permissions)],
    name: input.name ?? null,
    description: input.description ?? null,
    iconUrl: input.iconUrl ?? null,
    appId: input.appId ?? null,
    lastUsedAt: null,
  });
  return { id, token };
}

/** Issues a third-party (non-native) token; the plain token is returned once and never stored. */
export async function createAccessToken(ctx: AppContext, input: NewAccessToken): Promise<{ id: string; token: string }> {
  return insertAccessToken(ctx.db, input);
}

/** `i/apps`'s sort: Misskey's `+` puts the larger value first. */
export type TokenSort = '+createdAt' | '-createdAt' | '+lastUsedAt' | '-lastUsedAt';

export interface ListedToken {
  id: string;
  name?: string;
  createdAt: string;
  lastUsedAt?: string;
  permission: string[];
  iconUrl: string | null;
  description: string | null;
}

/**
 * The user's third-party tokens (never the web client's own, native ones), as `i/apps` lists them.
 * Misskey's orders: `+createdAt` newest first, `-createdAt` oldest first, `±lastUsedAt` likewise
 * (never-used tokens last), no sort: oldest first.
 */
export async function listTokens(ctx: AppContext, userId: string, sort?: TokenSort): Promise<ListedToken[]> {
  const order = {
    '+createdAt': [desc(accessTokens.id)],
    '-createdAt': [asc(accessTokens.id)],
    '+lastUsedAt': [sql`${accessTokens.lastUsedAt} DESC NULLS LAST`, desc(accessTokens.id)],
    '-lastUsedAt': [sql`${accessTokens.lastUsedAt} ASC NULLS LAST`, asc(accessTokens.id)],
  }[sort ?? '-createdAt'];
  const rows = await ctx.db.select().from(accessTokens)
    .where(and(eq(accessTokens.userId, userId), eq(accessTokens.isNative, false)))
    .orderBy(...order);
  return rows.map((row) => ({
    id: row.id,
    ...(row.name != null ? { name: row.name } : {}),
    createdAt: row.createdAt.toISOString(),
    ...(row.lastUsedAt ? { lastUsedAt: row.lastUsedAt.toISOString() } : {}),
    permission: row.permissions,
    iconUrl: row.iconUrl,
    description: row.description,
  }));
}

/**
 * Revokes one of the user's third-party tokens, named by its id or by the token itself. Anything
 * else (someone else's token, a native token, an unknown one) is left alone without a word, as in
 * Misskey. Answers whether a token was revoked.
 */
export async function revokeToken(ctx: AppContext, userId: string, which: { tokenId: string } | { token: string }): Promise<boolean> {
  // A token may be named as the app uses it: itself, or a legacy app's signed form sha256(token + secret).
  const match = 'tokenId' in which
    ? eq(accessTokens.id, which.tokenId)
    : or(eq(accessTokens.tokenHash, hashToken(which.token)), eq(accessTokens.signedTokenHash, hashToken(which.token)));
  const deleted = await ctx.db.delete(accessTokens)
    .where(and(match, eq(accessTokens.userId, userId), eq(accessTokens.isNative, false)))
    .returning({ id: accessTokens.id });
  if (deleted.length > 0) usersChanged(ctx, userId);
  return deleted.length > 0;
}
