import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, like, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { blockings, followings, mutings, userProfiles, users, type UserRow } from '../../db/schema/index.js';
import { muteIsActive } from '../muting/muting.js';

/**
 * Finding people: the user directory (`users`), search (`users/search`,
 * `users/search-by-username-and-host`), `pinned-users` and `users/recommendation`. Deleted and
 * suspended accounts are never listed.
 */

export type Origin = 'local' | 'remote' | 'combined';
export type DirectorySort = '+follower' | '-follower' | '+createdAt' | '-createdAt' | '+updatedAt' | '-updatedAt';

const listed = and(eq(users.isDeleted, false), eq(users.isSuspended, false));

function originFilter(origin: Origin): SQL | undefined {
  return origin === 'local' ? isNull(users.host) : origin === 'remote' ? isNotNull(users.host) : undefined;
}

/** `LIKE` pattern text with its wildcards taken literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/** Users the viewer blocks, who block the viewer, or whom the viewer mutes (active mutes): Misskey hides them from lists of users. */
function hiddenFrom(viewerId: string): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${blockings} WHERE (${blockings.blockerId} = ${viewerId} AND ${blockings.blockeeId} = ${users.id}) OR (${blockings.blockerId} = ${users.id} AND ${blockings.blockeeId} = ${viewerId}))
    AND NOT EXISTS (SELECT 1 FROM ${mutings} WHERE ${mutings.muterId} = ${viewerId} AND ${mutings.muteeId} = ${users.id} AND ${muteIsActive})`;
}

/** Misskey's window for "alive" in the directory: profile updated within five days. */
const ALIVE_MS = 5 * 24 * 60 * 60 * 1000;
/** Misskey's window for search: accounts updated within 30 days, or never. */
const ACTIVE_MS = 30 * 24 * 60 * 60 * 1000;

export interface DirectoryQuery {
  limit: number;
  offset: number;
  sort?: DirectorySort;
  state: 'all' | 'alive';
  origin: Origin;
  hostname?: string | null;
}

/** The user directory: explorable, not suspended accounts, Misskey's filters and sorts. */
export async function listDirectory(ctx: AppContext, query: DirectoryQuery, viewerId: string | null): Promise<UserRow[]> {
  const conditions: (SQL | undefined)[] = [listed, eq(users.isExplorable, true), originFilter(query.origin)];
  if (query.state === 'alive') conditions.push(gt(users.updatedAt, new Date(Date.now() - ALIVE_MS)));
  if (query.hostname) conditions.push(eq(users.host, query.hostname.toLowerCase()));
  if (viewerId) conditions.push(hiddenFrom(viewerId));
  const order: SQL[] = {
    '+follower': [desc(users.followersCount), desc(users.id)],
    '-follower': [asc(users.followersCount), asc(users.id)],
    '+createdAt': [desc(users.id)],
    '-createdAt': [asc(users.id)],
    '+updatedAt': [desc(users.updatedAt), desc(users.id)],
    '-updatedAt': [asc(users.updatedAt), asc(users.id)],
  }[query.sort ?? '-createdAt'];
  // Misskey: sorting by `updatedAt` (the latest note) lists only users who have one.
  if (query.sort === '+updatedAt' || query.sort === '-updatedAt') conditions.push(isNotNull(users.updatedAt));
  return ctx.db.select().from(users).where(and(...conditions)).orderBy(...order).limit(query.limit).offset(query.offset);
}

export interface SearchQuery { query: string; limit: number; offset: number; origin: Origin }

/** Whether a text could be a local username (Misskey's `validateLocalUsername`). */
const looksLikeUsername = (text: string) => /^\w{1,20}$/.test(text);

/**
 * `users/search`, as Misskey: first accounts whose name contains the query (or whose username
 * starts with it after `@`, or contains it when it looks like a username), then — if the page is
 * not full — accounts whose profile description contains it. Accounts updated in the last 30 days
 * (or never) only, most recently updated first. Each account appears once. Users the viewer
 * blocks, is blocked by or mutes are left out.
 */
export async function searchUsers(ctx: AppContext, search: SearchQuery, viewerId: string | null): Promise<UserRow[]> {
  const text = search.query.trim();
  if (text === '') return [];
  const isUsername = text.startsWith('@') && !text.includes(' ') && text.indexOf('@', 1) === -1;
  const contains = `%${escapeLike(text)}%`;
  const nameMatch = or(
    ilike(users.name, contains),
    isUsername ? like(users.usernameLower, `${escapeLike(text.slice(1).toLowerCase())}%`)
      : looksLikeUsername(text) ? like(users.usernameLower, `%${escapeLike(text.toLowerCase())}%`) : undefined,
  );
  const active = or(isNull(users.updatedAt), gt(users.updatedAt, new Date(Date.now() - ACTIVE_MS)));
  const base = and(listed, active, originFilter(search.origin), viewerId ? hiddenFrom(viewerId) : undefined);
  const order = [sql`${users.updatedAt} DESC NULLS LAST`, desc(users.id)];
  // One list, names before descriptions, paged as a whole (Misskey applies the offset to each part).
  const wanted = search.offset + search.limit;
  const byName = await ctx.db.select().from(users).where(and(base, nameMatch)).orderBy(...order).limit(wanted);
  const byDescription = byName.length >= wanted ? [] : await ctx.db.select().from(users)
    .where(and(base, sql`${users.id} IN (SELECT ${userProfiles.userId} FROM ${userProfiles} WHERE ${userProfiles.description} ILIKE ${contains})`,
      byName.length > 0 ? notInArray(users.id, byName.map((user) => user.id)) : undefined))
    .orderBy(...order).limit(wanted - byName.length);
  return [...byName, ...byDescription].slice(search.offset, wanted);
}

export interface UsernameHostQuery { username?: string | null; host?: string | null; limit: number }

/**
 * `users/search-by-username-and-host` (mention completion): usernames starting with `username`,
 * hosts starting with `host` (`.` or this server's host mean local). Accounts the viewer follows
 * come first (alphabetically), then everyone else who has posted (`updatedAt` is the time of the
 * latest note), most recently updated first, as Misskey. Users the viewer blocks, is blocked by or
 * mutes are left out.
 */
export async function searchByUsernameAndHost(ctx: AppContext, search: UsernameHostQuery, viewerId: string | null): Promise<UserRow[]> {
  const filters: (SQL | undefined)[] = [listed, viewerId ? hiddenFrom(viewerId) : undefined];
  if (search.username) filters.push(like(users.usernameLower, `${escapeLike(search.username.toLowerCase())}%`));
  if (search.host) {
    const local = search.host === '.' || search.host.toLowerCase() === ctx.config.hostname.toLowerCase();
    filters.push(local ? isNull(users.host) : like(users.host, `${escapeLike(search.host.toLowerCase())}%`));
  }
  const followed = (viewerId: string) => sql`${users.id} IN (SELECT ${followings.followeeId} FROM ${followings} WHERE ${followings.followerId} = ${viewerId})`;
  let found: UserRow[] = [];
  if (viewerId) {
    found = await ctx.db.select().from(users)
      .where(and(...filters, followed(viewerId), ne(users.id, viewerId), or(isNull(users.updatedAt), gt(users.updatedAt, new Date(Date.now() - ACTIVE_MS)))))
      .orderBy(asc(users.usernameLower)).limit(search.limit);
    if (found.length >= search.limit) return found;
  }
  const others = await ctx.db.select().from(users)
    .where(and(...filters, isNotNull(users.updatedAt), viewerId ? sql`NOT (${followed(viewerId)})` : undefined, found.length > 0 ? notInArray(users.id, found.map((user) => user.id)) : undefined))
    .orderBy(desc(users.updatedAt), asc(users.usernameLower)).limit(search.limit - found.length);
  return [...found, ...others];
}

/** Parses an acct as admins type it into `pinnedUsers`: `@alice`, `alice`, `@alice@host`. */
export function parseAcct(acct: string): { username: string; host: string | null } {
  const parts = acct.trim().replace(/^@/, '').split('@');
  return { username: parts[0] ?? '', host: parts[1] ? parts[1].toLowerCase() : null };
}

/** `pinned-users`: the accounts named in the instance's `pinnedUsers`, in that order; unknown, deleted and suspended ones are left out. */
export async function findPinnedUsers(ctx: AppContext): Promise<UserRow[]> {
  const accts = ctx.meta.get().pinnedUsers.map(parseAcct)
    .filter((acct) => acct.username !== '' && (acct.host == null || acct.host === ctx.config.hostname.toLowerCase()));
  if (accts.length === 0) return [];
  const found = await ctx.db.select().from(users)
    .where(and(listed, isNull(users.host), inArray(users.usernameLower, accts.map((acct) => acct.username.toLowerCase()))));
  const byName = new Map(found.map((user) => [user.usernameLower, user]));
  const seen = new Set<string>();
  return accts.flatMap((acct) => {
    const user = byName.get(acct.username.toLowerCase());
    if (!user || seen.has(user.id)) return [];
    seen.add(user.id);
    return [user];
  });
}

/**
 * `users/recommendation`, a simple and honest ranking: local, explorable accounts that are not
 * suspended, not the viewer, not already followed (or requested), not blocked either way and not
 * muted; most followers first, then most recently active, then newest.
 */
export async function recommendUsers(ctx: AppContext, viewerId: string, page: { limit: number; offset: number }): Promise<UserRow[]> {
  return ctx.db.select().from(users).where(and(
    listed, isNull(users.host), eq(users.isExplorable, true), ne(users.id, viewerId), hiddenFrom(viewerId),
    sql`${users.id} NOT IN (SELECT ${followings.followeeId} FROM ${followings} WHERE ${followings.followerId} = ${viewerId})`,
    sql`${users.id} NOT IN (SELECT followee_id FROM follow_requests WHERE follower_id = ${viewerId})`,
  )).orderBy(desc(users.followersCount), sql`${users.lastActiveDate} DESC NULLS LAST`, desc(users.id))
    .limit(page.limit).offset(page.offset);
}
