import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { followings, userProfiles, type FollowingRow, type Visibility } from '../../db/schema/index.js';
import { paginate, type Page } from '../pagination.js';
import { isFollowing } from './follow.js';

/**
 * Whether `viewerId` may see the list a visibility setting guards (Misskey's rule): the owner
 * always; `public` everyone; `followers` signed-in followers of the owner; `private` nobody else.
 */
export async function mayViewList(ctx: AppContext, ownerId: string, which: 'following' | 'followers', viewerId: string | null): Promise<boolean> {
  if (viewerId === ownerId) return true;
  const [profile] = await ctx.db.select({ following: userProfiles.followingVisibility, followers: userProfiles.followersVisibility })
    .from(userProfiles).where(eq(userProfiles.userId, ownerId));
  const visibility: Visibility = profile?.[which] ?? 'public';
  if (visibility === 'public') return true;
  if (visibility === 'private' || viewerId == null) return false;
  return isFollowing(ctx.db, viewerId, ownerId);
}

/** Follows where `userId` is the follower (`following`) or the followee (`followers`), newest first. */
export async function listFollowings(ctx: AppContext, userId: string, which: 'following' | 'followers', page: Page & { limit: number }): Promise<FollowingRow[]> {
  const { where, orderBy } = paginate(followings.id, page);
  const own = which === 'following' ? eq(followings.followerId, userId) : eq(followings.followeeId, userId);
  return ctx.db.select().from(followings).where(and(own, where)).orderBy(orderBy).limit(page.limit);
}
