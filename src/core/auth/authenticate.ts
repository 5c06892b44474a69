import { eq, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { accessTokens, users, type AccessTokenRow, type UserRow } from '../../db/schema/index.js';
import { hashToken } from './token.js';
import { markActive } from '../users/account.js';
import { onlineStatus, type OnlineStatus } from '../users/online-status.js';
import type { CachedCredential } from '../cache/caches.js';
import { privilegesOfUser } from '../roles/policies.js';

export type AuthUser = Pick<UserRow, 'id' | 'username' | 'host' | 'isAdmin' | 'isModerator' | 'isSuspended'> & {
  /** Set when the account moved away (see `prohibitMoved`); absent on users built for internal calls. */
  movedToUri?: string | null;
  /**
   * The account's `onlineStatus` as it stood before this request (Misskey packs the caller from the
   * row it authenticated with: the first call after sign-up sees `unknown`, and an `i/update` that
   * changes `hideOnlineStatus` still answers with the previous status). Set per request.
   */
  onlineStatusBefore?: OnlineStatus;
};
export type AuthToken = Pick<AccessTokenRow, 'id' | 'isNative' | 'permissions'>;
export interface Authenticated { user: AuthUser; token: AuthToken }

/** Writing last-used time on every call would turn reads into writes; once a minute is enough for `i/apps`. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Finds the user and token behind a credential (a native or app token, or a legacy app's signed
 * token). Null when nothing matches or the user is deleted. Served from the process cache of
 * credentials (keyed by the token's hash; dropped at once when a token is revoked or its user
 * suspended, deleted or changed, see `usersChanged`), else one indexed query.
 */
export async function authenticate(ctx: AppContext, credential: string): Promise<Authenticated | null> {
  if (credential.length === 0 || credential.length > 256) return null;
  const hash = hashToken(credential);
  const entry = await ctx.caches.credentials.get(hash, () => findCredential(ctx, hash));
  if (!entry) return null;

  const now = Date.now();
  // The activity fields came with the credential (same row, same query) and follow this process's
  // own writes below, so the status before this call costs nothing on the hot path.
  // Administrator and moderator follow the roles held right now (an expiring or revoked role stops
  // counting at once), on top of the account's own flags (the root account).
  const user: AuthUser = { ...entry.user, ...await privilegesOfUser(ctx, entry.user), onlineStatusBefore: onlineStatus(entry.activity, now) };
  // Online status follows every authenticated call, as in Misskey (written at most once a minute).
  // Awaited, so that whatever this call makes others read (a follow notification, a reply) already
  // shows its author active: a write landing later would make two identical reads disagree.
  if (now - entry.lastActiveWrittenAt > LAST_USED_RESOLUTION_MS) {
    entry.lastActiveWrittenAt = now;
    await markActive(ctx, entry.user.id).catch((error) => ctx.log.warn({ err: error }, 'could not record activity'));
    entry.activity = { ...entry.activity, lastActiveDate: new Date(now) };
  }
  if (now - entry.lastUsedWrittenAt > LAST_USED_RESOLUTION_MS) {
    entry.lastUsedWrittenAt = now;
    ctx.db.update(accessTokens).set({ lastUsedAt: sql`now()` })
      .where(eq(accessTokens.id, entry.token.id))
      .catch((error) => ctx.log.warn({ err: error }, 'could not record token use'));
  }
  return { user, token: entry.token };
}

async function findCredential(ctx: AppContext, hash: string): Promise<CachedCredential | null> {
  const [row] = await ctx.db
    .select({
      user: { id: users.id, username: users.username, host: users.host, isAdmin: users.isAdmin, isModerator: users.isModerator, isSuspended: users.isSuspended, movedToUri: users.movedToUri, isDeleted: users.isDeleted, hideOnlineStatus: users.hideOnlineStatus, lastActiveDate: users.lastActiveDate },
      token: { id: accessTokens.id, isNative: accessTokens.isNative, permissions: accessTokens.permissions, lastUsedAt: accessTokens.lastUsedAt },
    })
    .from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(or(eq(accessTokens.tokenHash, hash), eq(accessTokens.signedTokenHash, hash)))
    .limit(1);
  if (!row || row.user.isDeleted) return null;
  const { isDeleted: _deleted, hideOnlineStatus, lastActiveDate, ...user } = row.user;
  const { lastUsedAt, ...token } = row.token;
  return { user, token, activity: { hideOnlineStatus, lastActiveDate }, lastUsedWrittenAt: lastUsedAt?.getTime() ?? 0, lastActiveWrittenAt: 0 };
}
