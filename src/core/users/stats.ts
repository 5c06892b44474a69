import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';

/** Misskey's `users/stats` answer (its UsersStatsResponse shape). */
export interface UserStats {
  notesCount: number; repliesCount: number; renotesCount: number; repliedCount: number; renotedCount: number;
  pollVotesCount: number; pollVotedCount: number;
  localFollowingCount: number; remoteFollowingCount: number; localFollowersCount: number; remoteFollowersCount: number;
  followingCount: number; followersCount: number;
  sentReactionsCount: number; receivedReactionsCount: number; noteFavoritesCount: number;
  pageLikesCount: number; pageLikedCount: number; driveFilesCount: number; driveUsage: number;
}

/**
 * Counted from the rows in one query, every part an index range: the user's own notes, votes,
 * reactions, follows and files by their user-id indexes; what others did to them through the
 * user's notes (replies, renotes, reactions and votes by note id); the Pages they liked, and the
 * likes their Pages received (the kept `liked_count`).
 */
export async function getUserStats(ctx: AppContext, userId: string): Promise<UserStats> {
  const result = await ctx.db.execute<Record<string, string | number | null>>(sql`
    WITH mine AS (SELECT id, reply_id, renote_id, text, cw, has_poll, file_ids FROM notes WHERE user_id = ${userId})
    SELECT
      (SELECT count(*) FROM mine) AS "notesCount",
      (SELECT count(*) FROM mine WHERE reply_id IS NOT NULL) AS "repliesCount",
      (SELECT count(*) FROM mine WHERE renote_id IS NOT NULL) AS "renotesCount",
      (SELECT count(*) FROM mine JOIN notes r ON r.reply_id = mine.id) AS "repliedCount",
      (SELECT count(*) FROM mine JOIN notes r ON r.renote_id = mine.id) AS "renotedCount",
      (SELECT count(*) FROM poll_votes WHERE user_id = ${userId}) AS "pollVotesCount",
      (SELECT count(*) FROM mine JOIN poll_votes v ON v.note_id = mine.id) AS "pollVotedCount",
      (SELECT count(*) FROM followings f JOIN users u ON u.id = f.followee_id WHERE f.follower_id = ${userId} AND u.host IS NULL) AS "localFollowingCount",
      (SELECT count(*) FROM followings f JOIN users u ON u.id = f.followee_id WHERE f.follower_id = ${userId} AND u.host IS NOT NULL) AS "remoteFollowingCount",
      (SELECT count(*) FROM followings f JOIN users u ON u.id = f.follower_id WHERE f.followee_id = ${userId} AND u.host IS NULL) AS "localFollowersCount",
      (SELECT count(*) FROM followings f JOIN users u ON u.id = f.follower_id WHERE f.followee_id = ${userId} AND u.host IS NOT NULL) AS "remoteFollowersCount",
      (SELECT count(*) FROM note_reactions WHERE user_id = ${userId}) AS "sentReactionsCount",
      (SELECT count(*) FROM mine JOIN note_reactions r ON r.note_id = mine.id) AS "receivedReactionsCount",
      (SELECT count(*) FROM note_favorites WHERE user_id = ${userId}) AS "noteFavoritesCount",
      (SELECT count(*) FROM page_likes WHERE user_id = ${userId}) AS "pageLikesCount",
      (SELECT coalesce(sum(liked_count), 0) FROM pages WHERE user_id = ${userId}) AS "pageLikedCount",
      (SELECT count(*) FROM drive_files WHERE user_id = ${userId}) AS "driveFilesCount",
      (SELECT coalesce(sum(size), 0) FROM drive_files WHERE user_id = ${userId}) AS "driveUsage"
  `);
  const row = result.rows[0] ?? {};
  const n = (key: string) => Number(row[key] ?? 0);
  return {
    notesCount: n('notesCount'), repliesCount: n('repliesCount'), renotesCount: n('renotesCount'),
    repliedCount: n('repliedCount'), renotedCount: n('renotedCount'),
    pollVotesCount: n('pollVotesCount'), pollVotedCount: n('pollVotedCount'),
    localFollowingCount: n('localFollowingCount'), remoteFollowingCount: n('remoteFollowingCount'),
    localFollowersCount: n('localFollowersCount'), remoteFollowersCount: n('remoteFollowersCount'),
    followingCount: n('localFollowingCount') + n('remoteFollowingCount'),
    followersCount: n('localFollowersCount') + n('remoteFollowersCount'),
    sentReactionsCount: n('sentReactionsCount'), receivedReactionsCount: n('receivedReactionsCount'),
    noteFavoritesCount: n('noteFavoritesCount'), pageLikesCount: n('pageLikesCount'), pageLikedCount: n('pageLikedCount'),
    driveFilesCount: n('driveFilesCount'), driveUsage: n('driveUsage'),
  };
}

/** Misskey's `USER_ONLINE_THRESHOLD`: active in the last 10 minutes counts as online. */
export const ONLINE_THRESHOLD_MS = 10 * 60 * 1000;

/** `get-online-users-count`: accounts active in the last 10 minutes (an index range on `last_active_date`). */
export async function countOnlineUsers(ctx: AppContext, now = Date.now()): Promise<number> {
  const result = await ctx.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM users WHERE last_active_date > ${new Date(now - ONLINE_THRESHOLD_MS).toISOString()}`);
  return Number(result.rows[0]?.n ?? 0);
}
