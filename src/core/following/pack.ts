import type { AppContext } from '../../context.js';
import type { FollowRequestRow, FollowingRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packUserLite } from '../users/pack.js';
import { packWithUsers } from '../users/pack-list.js';
import { findUsersByIds } from '../users/read.js';
import type { FollowRequest, Following } from './schema.js';

/** Follow requests with both users as UserLite; one query for all the users. */
export async function packFollowRequests(ctx: AppContext, rows: readonly FollowRequestRow[]): Promise<FollowRequest[]> {
  const users = new Map((await findUsersByIds(ctx, [...new Set(rows.flatMap((row) => [row.followerId, row.followeeId]))]))
    .map((user) => [user.id, packUserLite(ctx, user)]));
  return rows.flatMap((row) => {
    const follower = users.get(row.followerId);
    const followee = users.get(row.followeeId);
    return follower && followee ? [{ id: row.id, follower, followee }] : [];
  });
}

/** Follows as `users/following` (followee filled) or `users/followers` (follower filled) answer them. */
export function packFollowings(ctx: AppContext, rows: readonly FollowingRow[], which: 'following' | 'followers', viewer: AuthUser | null): Promise<Following[]> {
  const side = which === 'following' ? 'followee' : 'follower';
  return packWithUsers(ctx, rows, (row) => (side === 'followee' ? row.followeeId : row.followerId), viewer, (row, user) => ({
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    followeeId: row.followeeId,
    followerId: row.followerId,
    [side]: user,
  }));
}
