import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes } from '../../db/schema/index.js';

/**
 * `users/get-frequently-replied-users`: among the user's last 1000 replies, whom they replied to most,
 * with Misskey's weight (count / highest count). Replies to themselves are not counted, and only
 * public and home replies are: followers-only and direct replies would tell strangers whom someone
 * talks to privately (Misskey counts every reply).
 */
export async function frequentlyRepliedUsers(ctx: AppContext, userId: string, limit: number): Promise<{ userId: string; weight: number }[]> {
  const { rows } = await ctx.db.execute<{ user_id: string; n: number }>(sql`
    SELECT reply_user_id AS user_id, count(*)::int AS n FROM (
      SELECT ${notes.replyUserId} AS reply_user_id FROM ${notes}
      WHERE ${notes.userId} = ${userId} AND ${notes.replyId} IS NOT NULL AND ${notes.visibility} IN ('public', 'home')
      ORDER BY ${notes.id} DESC LIMIT 1000
    ) recent
    WHERE reply_user_id IS NOT NULL AND reply_user_id <> ${userId}
    GROUP BY reply_user_id ORDER BY n DESC, reply_user_id LIMIT ${limit}`);
  const peak = rows[0]?.n ?? 1;
  return rows.map((row) => ({ userId: row.user_id, weight: row.n / peak }));
}
