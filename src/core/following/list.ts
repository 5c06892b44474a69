import { and, eq, sql } from 'drizzle-orm';
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

/**
 * The month and day (`MM-DD`) of a `birthday` parameter: a date `YYYY-MM-DD` (or any date string
 * JavaScript parses, read in UTC). Null when it is not a date.
 */
export function birthdayMonthDay(birthday: string): string | null {
  const plain = /^\d{4}-(\d{2})-(\d{2})$/.exec(birthday.trim());
  if (plain) {
    const [month, day] = [Number(plain[1]), Number(plain[2])];
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${plain[1]}-${plain[2]}` : null;
  }
  const time = Date.parse(birthday);
  if (Number.isNaN(time)) return null;
  const date = new Date(time);
  return `${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** Follows where `userId` is the follower (`following`) or the followee (`followers`), newest first. */
export async function listFollowings(ctx: AppContext, userId: string, which: 'following' | 'followers', page: Page & { limit: number; birthdayMonthDay?: string }): Promise<FollowingRow[]> {
  const { where, orderBy } = paginate(followings.id, page);
  const own = which === 'following' ? eq(followings.followerId, userId) : eq(followings.followeeId, userId);
  // `users/following`'s `birthday` filter: followees whose profile birthday (YYYY-MM-DD) falls on that month and day.
  const birthday = page.birthdayMonthDay && which === 'following'
    ? sql`${followings.followeeId} IN (SELECT ${userProfiles.userId} FROM ${userProfiles} WHERE substr(${userProfiles.birthday}, 6, 5) = ${page.birthdayMonthDay})`
    : undefined;
  return ctx.db.select().from(followings).where(and(own, where, birthday)).orderBy(orderBy).limit(page.limit);
}
