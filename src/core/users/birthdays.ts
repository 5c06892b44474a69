import { and, asc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { followings, userProfiles } from '../../db/schema/index.js';

export interface MonthDay { month: number; day: number }
/** One day, or a range of days (inclusive) that may wrap over the new year (Dec 25 – Jan 5). */
export type BirthdayQuery = MonthDay | { begin: MonthDay; end: MonthDay };

const monthDay = (value: MonthDay) => `${String(value.month).padStart(2, '0')}-${String(value.day).padStart(2, '0')}`;

/**
 * `users/get-following-birthday-users` and `users/get-following-users-by-birthday`: the accounts
 * the user follows whose profile birthday (YYYY-MM-DD) falls on the day or in the range, by month
 * and day (the year ignored), soonest in the calendar first. An index range on the user's followings.
 */
export async function listFollowingBirthdays(ctx: AppContext, followerId: string, query: BirthdayQuery, page: { limit: number; offset: number }): Promise<{ userId: string; birthday: string }[]> {
  const md = sql<string>`substr(${userProfiles.birthday}, 6, 5)`;
  let matches: SQL;
  if ('begin' in query) {
    const begin = monthDay(query.begin);
    const end = monthDay(query.end);
    matches = begin <= end ? sql`${md} BETWEEN ${begin} AND ${end}` : sql`(${md} >= ${begin} OR ${md} <= ${end})`;
  } else {
    matches = sql`${md} = ${monthDay(query)}`;
  }
  const rows = await ctx.db.select({ userId: followings.followeeId, birthday: userProfiles.birthday })
    .from(followings).innerJoin(userProfiles, eq(userProfiles.userId, followings.followeeId))
    .where(and(eq(followings.followerId, followerId), isNotNull(userProfiles.birthday), matches))
    .orderBy(asc(md), asc(followings.followeeId))
    .offset(page.offset).limit(page.limit);
  return rows.map((row) => ({ userId: row.userId, birthday: row.birthday! }));
}
