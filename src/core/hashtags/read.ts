import { and, asc, desc, eq, isNotNull, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { hashtags, users, type HashtagRow, type UserRow } from '../../db/schema/index.js';
import { idLowerBoundAt } from '../../misc/id.js';
import { likeEscape } from '../notes/read-list.js';
import { normalizeTags } from './record.js';
import type { Hashtag, HashtagListSort, HashtagTrend, HashtagUsersSort } from './schema.js';

/** Misskey's `normalizeForSearch` for one tag ('#' dropped as well). */
export function normalizeTag(tag: string): string {
  return tag.replace(/^#/, '').trim().normalize('NFKC').toLowerCase();
}

export function packHashtag(row: HashtagRow): Hashtag {
  return {
    tag: row.name,
    mentionedUsersCount: row.mentionedUsersCount,
    mentionedLocalUsersCount: row.mentionedLocalUsersCount,
    mentionedRemoteUsersCount: row.mentionedUsersCount - row.mentionedLocalUsersCount,
    attachedUsersCount: row.attachedUsersCount,
    attachedLocalUsersCount: row.attachedLocalUsersCount,
    attachedRemoteUsersCount: row.attachedUsersCount - row.attachedLocalUsersCount,
  };
}

const mentionedRemote = sql`(${hashtags.mentionedUsersCount} - ${hashtags.mentionedLocalUsersCount})`;
const attachedRemote = sql`(${hashtags.attachedUsersCount} - ${hashtags.attachedLocalUsersCount})`;

const LIST_SORT_COLUMNS: Record<string, SQL | AnyColumn> = {
  mentionedUsers: hashtags.mentionedUsersCount,
  mentionedLocalUsers: hashtags.mentionedLocalUsersCount,
  mentionedRemoteUsers: mentionedRemote,
  attachedUsers: hashtags.attachedUsersCount,
  attachedLocalUsers: hashtags.attachedLocalUsersCount,
  attachedRemoteUsers: attachedRemote,
};

/** `hashtags/list`: '+x' = most x first, '-x' = fewest first (Misskey's convention); ties by name. */
export async function listHashtags(ctx: AppContext, options: {
  sort: HashtagListSort; limit: number; attachedToUserOnly?: boolean; attachedToLocalUserOnly?: boolean; attachedToRemoteUserOnly?: boolean;
}): Promise<Hashtag[]> {
  const column = LIST_SORT_COLUMNS[options.sort.slice(1)];
  const order = options.sort.startsWith('+') ? desc(column) : asc(column);
  const rows = await ctx.db.select().from(hashtags)
    .where(and(
      options.attachedToUserOnly ? sql`${hashtags.attachedUsersCount} <> 0` : undefined,
      options.attachedToLocalUserOnly ? sql`${hashtags.attachedLocalUsersCount} <> 0` : undefined,
      options.attachedToRemoteUserOnly ? sql`${attachedRemote} <> 0` : undefined,
    ))
    .orderBy(order, asc(hashtags.name))
    .limit(options.limit);
  return rows.map(packHashtag);
}

/** `hashtags/search`: names starting with the query (lower-cased), most used by local users first. */
export async function searchHashtags(ctx: AppContext, options: { query: string; limit: number; offset: number }): Promise<string[]> {
  const prefix = normalizeTag(options.query);
  const rows = await ctx.db.select({ name: hashtags.name }).from(hashtags)
    .where(sql`${hashtags.name} LIKE ${`${likeEscape(prefix)}%`}`)
    .orderBy(desc(hashtags.mentionedLocalUsersCount), asc(hashtags.name))
    .limit(options.limit)
    .offset(options.offset);
  return rows.map((row) => row.name);
}

/** `hashtags/show`: one hashtag by name (normalised), or null. */
export async function findHashtag(ctx: AppContext, tag: string): Promise<Hashtag | null> {
  const [row] = await ctx.db.select().from(hashtags).where(eq(hashtags.name, normalizeTag(tag))).limit(1);
  return row ? packHashtag(row) : null;
}

/** Trend windows: 10 minutes each (Misskey's), 20 of them in a chart. */
export const TREND_WINDOW_MS = 10 * 60 * 1000;
export const TREND_CHART_LENGTH = 20;
/** Ranking: distinct users over the last 6 windows (one hour). */
export const TREND_RANKING_WINDOWS = 6;
export const TREND_MAX_TAGS = 10;

/**
 * `hashtags/trend`, computed from recent notes: hashtags of public and home notes by local
 * non-bot users (what Misskey feeds its trend counters with). The top 10 tags by distinct users in
 * the last hour, each with a chart of distinct users per 10-minute window over the last 200
 * minutes (current window first), and `usersCount` = the chart's peak (as Misskey).
 * Two queries on an id range of the primary key (200 minutes of notes).
 */
export async function hashtagTrend(ctx: AppContext, now = Date.now()): Promise<HashtagTrend[]> {
  const current = Math.floor(now / TREND_WINDOW_MS);
  const oldestWindow = current - TREND_CHART_LENGTH + 1;
  const since = idLowerBoundAt(oldestWindow * TREND_WINDOW_MS);
  const tagged = sql`
    SELECT DISTINCT t.tag, n.user_id, floor(extract(epoch FROM n.created_at) * 1000 / ${TREND_WINDOW_MS})::bigint AS w
    FROM notes n CROSS JOIN LATERAL unnest(n.tags) AS t(tag)
    JOIN users u ON u.id = n.user_id AND NOT u.is_bot
    WHERE n.id >= ${since} AND n.created_at >= to_timestamp(${(oldestWindow * TREND_WINDOW_MS) / 1000})
      AND n.user_host IS NULL AND n.visibility IN ('public', 'home') AND cardinality(n.tags) > 0`;
  const { rows: ranked } = await ctx.db.execute<{ tag: string; users: number }>(sql`
    WITH tagged AS (${tagged})
    SELECT tag, count(DISTINCT user_id)::int AS users FROM tagged WHERE w > ${current - TREND_RANKING_WINDOWS}
    GROUP BY tag ORDER BY users DESC, tag LIMIT ${TREND_MAX_TAGS}`);
  if (ranked.length === 0) return [];
  const tags = ranked.map((row) => row.tag);
  const { rows: counts } = await ctx.db.execute<{ tag: string; w: string; users: number }>(sql`
    WITH tagged AS (${tagged})
    SELECT tag, w, count(DISTINCT user_id)::int AS users FROM tagged
    WHERE tag = ANY(ARRAY[${sql.join(tags.map((tag) => sql`${tag}`), sql`, `)}]::varchar[])
    GROUP BY tag, w`);
  const charts = new Map(tags.map((tag) => [tag, new Array<number>(TREND_CHART_LENGTH).fill(0)]));
  for (const row of counts) {
    const index = current - Number(row.w);
    const chart = charts.get(row.tag);
    if (chart && index >= 0 && index < TREND_CHART_LENGTH) chart[index] = Number(row.users);
  }
  return tags.map((tag) => {
    const chart = charts.get(tag)!;
    return { tag, chart, usersCount: Math.max(...chart) };
  });
}

/** Accounts updated in the last 5 days count as alive (Misskey's `state: 'alive'`). */
const ALIVE_MS = 5 * 24 * 60 * 60 * 1000;

/**
 * `hashtags/users`: accounts with the tag in their profile description (users.tags, GIN index),
 * not suspended or deleted. Sorts as Misskey: '+follower' most followers first, '+createdAt' newest
 * first, '+updatedAt' most recently updated first ('-' reverses).
 */
export async function listUsersWithHashtag(ctx: AppContext, options: {
  tag: string; sort: HashtagUsersSort; limit: number; offset: number; state: 'all' | 'alive'; origin: 'combined' | 'local' | 'remote';
}): Promise<UserRow[]> {
  const [tag] = normalizeTags([options.tag]);
  if (tag === undefined) return [];
  const descending = options.sort.startsWith('+');
  const orderBy = {
    follower: [descending ? desc(users.followersCount) : asc(users.followersCount)],
    createdAt: [descending ? desc(users.id) : asc(users.id)],
    updatedAt: [descending ? sql`${users.updatedAt} DESC NULLS LAST` : sql`${users.updatedAt} ASC NULLS FIRST`],
  }[options.sort.slice(1) as 'follower' | 'createdAt' | 'updatedAt'];
  return ctx.db.select().from(users)
    .where(and(
      sql`${users.tags} @> ARRAY[${tag}]::varchar[]`,
      eq(users.isSuspended, false),
      eq(users.isDeleted, false),
      options.state === 'alive' ? sql`${users.updatedAt} > ${new Date(Date.now() - ALIVE_MS)}` : undefined,
      options.origin === 'local' ? isNull(users.host) : options.origin === 'remote' ? isNotNull(users.host) : undefined,
    ))
    .orderBy(...orderBy, asc(users.id))
    .limit(options.limit)
    .offset(options.offset);
}
