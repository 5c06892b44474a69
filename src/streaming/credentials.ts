import { and, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../context.js';
import { accessTokens, users } from '../db/schema/index.js';
import { CLOSE, type StreamConnection } from './connection.js';

/**
 * Closes the sockets of these users whose credential has died since they connected: the token
 * revoked or regenerated, the account suspended or deleted. Called on `usersChanged`, which every
 * such change announces (in every process); one query, and only for users with sockets here.
 * A revoked token must stop reading at once, not at the socket's next reconnect.
 */
export async function closeRevokedSockets(ctx: AppContext, connections: Iterable<StreamConnection>, userIds: readonly string[]): Promise<void> {
  const ids = new Set(userIds);
  const affected = [...connections].filter((connection) => !connection.closed && connection.token && connection.user && ids.has(connection.user.id));
  if (affected.length === 0) return;
  const tokenIds = [...new Set(affected.map((connection) => connection.token!.id))];
  const alive = await ctx.db.select({ id: accessTokens.id }).from(accessTokens)
    .innerJoin(users, eq(users.id, accessTokens.userId))
    .where(and(inArray(accessTokens.id, tokenIds), eq(users.isSuspended, false), eq(users.isDeleted, false)));
  const valid = new Set(alive.map((row) => row.id));
  for (const connection of affected) {
    if (!valid.has(connection.token!.id)) connection.close(CLOSE.policyViolation, 'credential revoked');
  }
}
