import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/postgres.js';
import { accessTokens } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { generateToken, hashToken, NATIVE_TOKEN_LENGTH } from './token.js';

/** A database handle or an open transaction. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * Issues a native token (the web client's credential: every permission, `secure` endpoints).
 * Only its hash is stored, so each sign-in gets a token of its own rather than Misskey's one
 * shared token; the plain token is returned once.
 */
export async function issueNativeToken(db: DbOrTx, userId: string): Promise<string> {
  const token = generateToken(NATIVE_TOKEN_LENGTH);
  await db.insert(accessTokens).values({ id: genId(), userId, tokenHash: hashToken(token), isNative: true });
  return token;
}

/** Signs the account out everywhere its web client is signed in. */
export async function revokeNativeTokens(db: DbOrTx, userId: string): Promise<void> {
  await db.delete(accessTokens).where(and(eq(accessTokens.userId, userId), eq(accessTokens.isNative, true)));
}
