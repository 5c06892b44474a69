import type { AppContext } from '../../context.js';
import type { AuthUser } from '../auth/authenticate.js';
import { listFollowingBirthdays, type BirthdayQuery } from './birthdays.js';
import { packUserLite } from './pack.js';
import { findUsersForPacking } from './read.js';
import type { UserLite } from './schema.js';

/** The birthday endpoints' answer: followed users with their birthday, packed for the viewer. */
export async function followingBirthdayUsers(ctx: AppContext, me: AuthUser, query: BirthdayQuery, page: { limit?: number; offset?: number }): Promise<{ id: string; birthday: string; user: UserLite }[]> {
  const rows = await listFollowingBirthdays(ctx, me.id, query, { limit: page.limit ?? 10, offset: Math.max(0, page.offset ?? 0) });
  const users = await findUsersForPacking(ctx, rows.map((row) => row.userId));
  return rows.flatMap((row) => {
    const user = users.get(row.userId);
    return user ? [{ id: row.userId, birthday: row.birthday, user: packUserLite(ctx, user, me) }] : [];
  });
}
