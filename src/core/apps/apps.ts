import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { accessTokens, apps, type AppRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { grantablePermissionsOf } from '../auth/grant.js';
import type { DbOrTx } from '../auth/native-token.js';
import { generateToken, hashToken } from '../auth/token.js';
import type { App } from './schema.js';

/** Misskey's app secrets are 32 random characters. */
const APP_SECRET_LENGTH = 32;

export interface NewApp {
  name: string;
  description: string;
  permission: readonly string[];
  callbackUrl?: string | null;
}

/**
 * `app/create`: a legacy app. Old permission spellings are modernised and only grantable
 * permissions kept (core/auth/grant.ts). The secret is returned this once; only its hash is stored.
 */
export async function createApp(ctx: AppContext, creatorId: string | null, input: NewApp): Promise<{ app: AppRow; secret: string }> {
  const secret = generateToken(APP_SECRET_LENGTH);
  const [app] = await ctx.db.insert(apps).values({
    id: genId(),
    userId: creatorId,
    name: input.name,
    description: input.description,
    permission: grantablePermissionsOf(input.permission),
    callbackUrl: input.callbackUrl ?? null,
    secretHash: hashToken(secret),
  }).returning();
  return { app, secret };
}

export async function findAppById(ctx: AppContext, id: string): Promise<AppRow | null> {
  const [app] = await ctx.db.select().from(apps).where(eq(apps.id, id));
  return app ?? null;
}

/** The legacy app holding this secret, found through the hash's unique index (nothing compared in code). */
export async function findAppBySecret(ctx: AppContext, secret: string): Promise<AppRow | null> {
  if (secret.length === 0 || secret.length > 256) return null;
  const [app] = await ctx.db.select().from(apps).where(eq(apps.secretHash, hashToken(secret)));
  return app ?? null;
}

/** Which of these apps hold at least one token of the user. */
async function authorizedAppIds(ctx: AppContext, userId: string, appIds: string[]): Promise<Set<string>> {
  if (appIds.length === 0) return new Set();
  const rows = await ctx.db.selectDistinct({ appId: accessTokens.appId }).from(accessTokens)
    .where(and(eq(accessTokens.userId, userId), inArray(accessTokens.appId, appIds)));
  return new Set(rows.map((row) => row.appId!));
}

/**
 * Apps as misskey-js's `App`: `isAuthorized` (the viewer has given it a token) when there is a
 * viewer; `secret` only when given (app/create's answer). One query for any number of apps.
 */
export async function packApps(ctx: AppContext, rows: readonly AppRow[], viewer: { id: string } | null, options: { secret?: string } = {}): Promise<App[]> {
  const authorized = viewer ? await authorizedAppIds(ctx, viewer.id, rows.map((row) => row.id)) : null;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    callbackUrl: row.callbackUrl,
    permission: row.permission,
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
    ...(authorized ? { isAuthorized: authorized.has(row.id) } : {}),
    description: row.description,
  }));
}

export async function packApp(ctx: AppContext, row: AppRow, viewer: { id: string } | null, options: { secret?: string } = {}): Promise<App> {
  const [packed] = await packApps(ctx, [row], viewer, options);
  return packed;
}

/** `my/apps`: the apps the user made, newest first. */
export async function listMyApps(ctx: AppContext, userId: string, page: { limit: number; offset: number }): Promise<AppRow[]> {
  return ctx.db.select().from(apps).where(eq(apps.userId, userId)).orderBy(desc(apps.id)).limit(page.limit).offset(page.offset);
}

/**
 * `i/authorized-apps`: one item per token the user gave an app (legacy app or OAuth client), as
 * Misskey answers it, newest token first (`desc`) or oldest first (`asc`). Each item is the app,
 * with the permissions of that token and its id as `tokenId`, so `i/revoke-token {tokenId}` can
 * take the app's access away.
 */
export async function listAuthorizedApps(ctx: AppContext, userId: string, page: { limit: number; offset: number; sort: 'desc' | 'asc' }) {
  const rows = await ctx.db
    .select({ tokenId: accessTokens.id, permissions: accessTokens.permissions, app: apps })
    .from(accessTokens)
    .innerJoin(apps, eq(apps.id, accessTokens.appId))
    .where(and(eq(accessTokens.userId, userId), eq(accessTokens.isNative, false), isNotNull(accessTokens.appId)))
    .orderBy(page.sort === 'asc' ? asc(accessTokens.id) : desc(accessTokens.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map((row) => ({
    id: row.app.id,
    name: row.app.name,
    callbackUrl: row.app.callbackUrl,
    permission: row.permissions,
    isAuthorized: true,
    description: row.app.description,
    tokenId: row.tokenId,
  }));
}

/**
 * The app row standing for an OAuth client (by its client_id URL), made on its first authorization
 * and refreshed with the name and logo its page shows now. It has no secret: OAuth clients are
 * public clients, kept apart from legacy apps' secrets.
 */
export async function upsertOAuthClientApp(db: DbOrTx, client: { clientId: string; name: string; iconUrl: string | null; permission: string[] }): Promise<AppRow> {
  const [app] = await db.insert(apps).values({
    id: genId(),
    name: client.name,
    description: null,
    permission: client.permission,
    callbackUrl: null,
    clientId: client.clientId,
    iconUrl: client.iconUrl,
  }).onConflictDoUpdate({
    target: apps.clientId,
    set: { name: client.name, iconUrl: client.iconUrl, permission: sql`excluded.permission` },
  }).returning();
  return app;
}
