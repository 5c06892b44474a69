import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { usersChanged } from '../cache/caches.js';
import { accessTokens, apps, oauthCodes, oauthTransactions, users, type OAuthTransactionRow } from '../../db/schema/index.js';
import type { Permission } from '../../api/permissions.js';
import { upsertOAuthClientApp } from '../apps/apps.js';
import { hashToken } from '../auth/token.js';
import { insertAccessToken } from '../auth/tokens.js';
import { createNotification } from '../notifications/create.js';
import { verifyS256 } from './pkce.js';

/** A pending authorization request waits 10 minutes for the user's decision. */
export const TRANSACTION_LIFETIME_MS = 10 * 60 * 1000;
/** An authorization code is good for 5 minutes (RFC 6749 recommends at most 10). */
export const CODE_LIFETIME_MS = 5 * 60 * 1000;

/** 256 random bits, base64url. */
function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

export interface NewTransaction {
  clientId: string;
  clientName: string;
  clientLogo: string | null;
  redirectUri: string;
  scopes: Permission[];
  state: string | null;
  codeChallenge: string;
}

/** Stores a validated authorization request; its id (only the hash is kept) goes to the consent page. */
export async function createTransaction(ctx: AppContext, input: NewTransaction): Promise<string> {
  await ctx.db.delete(oauthTransactions).where(lt(oauthTransactions.expiresAt, new Date()));
  const id = randomSecret();
  await ctx.db.insert(oauthTransactions).values({ ...input, idHash: hashToken(id), expiresAt: new Date(Date.now() + TRANSACTION_LIFETIME_MS) });
  return id;
}

export async function findTransaction(ctx: AppContext, id: string): Promise<OAuthTransactionRow | null> {
  if (id.length === 0 || id.length > 256) return null;
  const [row] = await ctx.db.select().from(oauthTransactions)
    .where(and(eq(oauthTransactions.idHash, hashToken(id)), gt(oauthTransactions.expiresAt, new Date())));
  return row ?? null;
}

/** Takes the transaction out (a decision is made once); null when unknown or expired. */
export async function takeTransaction(ctx: AppContext, id: string): Promise<OAuthTransactionRow | null> {
  if (id.length === 0 || id.length > 256) return null;
  const [row] = await ctx.db.delete(oauthTransactions)
    .where(and(eq(oauthTransactions.idHash, hashToken(id)), gt(oauthTransactions.expiresAt, new Date())))
    .returning();
  return row ?? null;
}

/** The user allowed: an authorization code for the transaction's client, redirect URI, scopes and challenge. */
export async function issueCode(ctx: AppContext, transaction: OAuthTransactionRow, userId: string): Promise<string> {
  const code = randomSecret();
  await ctx.db.transaction(async (tx) => {
    await tx.delete(oauthCodes).where(lt(oauthCodes.expiresAt, new Date()));
    const app = await upsertOAuthClientApp(tx, {
      clientId: transaction.clientId,
      name: transaction.clientName,
      iconUrl: transaction.clientLogo,
      permission: transaction.scopes,
    });
    await tx.insert(oauthCodes).values({
      codeHash: hashToken(code),
      userId,
      appId: app.id,
      clientId: transaction.clientId,
      redirectUri: transaction.redirectUri,
      scopes: transaction.scopes,
      codeChallenge: transaction.codeChallenge,
      expiresAt: new Date(Date.now() + CODE_LIFETIME_MS),
    });
  });
  return code;
}

export interface CodeExchange {
  code: string;
  clientId: string | undefined;
  redirectUri: string | undefined;
  codeVerifier: string | undefined;
}

export type ExchangeOutcome =
  | { result: 'ok'; accessToken: string; scopes: string[] }
  | { result: 'invalid_grant'; description: string };

/**
 * The token endpoint's authorization_code grant. The code must be known, unexpired and unused,
 * and the request must name the same client_id and redirect_uri and carry the PKCE verifier of its
 * challenge. A code is spent only by a successful exchange (so a thief without the verifier cannot
 * burn the rightful client's code); a code presented again after that revokes the token it gave
 * (RFC 6749 §4.1.2: it has probably been stolen).
 */
export async function exchangeCode(ctx: AppContext, input: CodeExchange): Promise<ExchangeOutcome> {
  const invalid = (description: string) => ({ result: 'invalid_grant', description } as const);
  if (input.code.length === 0 || input.code.length > 256) return invalid('The authorization code is unknown.');
  let revokedFor: string | null = null;
  const outcome = await ctx.db.transaction(async (tx): Promise<ExchangeOutcome> => {
    const [row] = await tx.select().from(oauthCodes).where(eq(oauthCodes.codeHash, hashToken(input.code))).for('update');
    if (!row) return invalid('The authorization code is unknown or has expired.');
    if (row.usedAt) {
      if (row.accessTokenId) {
        await tx.delete(accessTokens).where(eq(accessTokens.id, row.accessTokenId));
        revokedFor = row.userId;
      }
      await tx.update(oauthCodes).set({ accessTokenId: null }).where(eq(oauthCodes.codeHash, row.codeHash));
      return invalid('The authorization code has already been used; the token issued from it is revoked.');
    }
    if (row.expiresAt.getTime() <= Date.now()) {
      await tx.delete(oauthCodes).where(eq(oauthCodes.codeHash, row.codeHash));
      return invalid('The authorization code has expired.');
    }
    if (input.clientId !== row.clientId) return invalid('client_id does not match the authorization request.');
    if (input.redirectUri !== row.redirectUri) return invalid('redirect_uri does not match the authorization request.');
    if (!verifyS256(input.codeVerifier, row.codeChallenge)) return invalid('code_verifier does not match the code challenge.');

    const [user] = await tx.select({ id: users.id, isDeleted: users.isDeleted, isSuspended: users.isSuspended }).from(users).where(eq(users.id, row.userId));
    if (!user || user.isDeleted || user.isSuspended) return invalid('The user who granted this code can no longer sign in.');
    const [client] = await tx.select({ name: apps.name, iconUrl: apps.iconUrl }).from(apps).where(eq(apps.id, row.appId));
    const { id, token } = await insertAccessToken(tx, {
      userId: row.userId,
      appId: row.appId,
      permissions: row.scopes as Permission[],
      name: client?.name ?? row.clientId,
      iconUrl: client?.iconUrl ?? null,
    });
    await tx.update(oauthCodes).set({ usedAt: new Date(), accessTokenId: id }).where(eq(oauthCodes.codeHash, row.codeHash));
    await createNotification(ctx, tx, { notifieeId: row.userId, type: 'createToken' });
    return { result: 'ok', accessToken: token, scopes: row.scopes } as const;
  });
  if (revokedFor) usersChanged(ctx, revokedFor);
  return outcome;
}
