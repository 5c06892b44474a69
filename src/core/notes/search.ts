import { eq, isNull, not, or, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { Page } from '../pagination.js';
import { normalizeTags } from '../hashtags/record.js';
import { likeEscape, listVisibleNotes, type NotePage } from './read-list.js';

export interface NoteSearchQuery extends NotePage {
  query: string;
  /** '.' (or this server's own host) for local users, another host for that host's users. */
  host?: string;
  userId?: string | null;
  channelId?: string | null;
}

/**
 * `notes/search`: notes whose text contains the query, case-insensitively (Misskey's `sqlLike`
 * search: `text ILIKE %query%`). The trigram GIN index `notes_text_trgm_idx` serves ILIKE patterns
 * of three or more characters; shorter queries fall back to scanning by id. Visibility, blocks and
 * mutes apply; newest first with id/date paging (and an offset).
 */
export function searchNotes(ctx: AppContext, viewer: AuthUser | null, query: NoteSearchQuery): Promise<NoteRow[]> {
  const ownHost = ctx.config.hostname.toLowerCase();
  const host = query.host?.toLowerCase();
  return listVisibleNotes(ctx, viewer, [
    sql`${notes.text} ILIKE ${`%${likeEscape(query.query)}%`}`,
    query.userId ? eq(notes.userId, query.userId) : undefined,
    query.channelId ? eq(notes.channelId, query.channelId) : undefined,
    host === undefined || host === '' ? undefined : host === '.' || host === ownHost ? isNull(notes.userHost) : eq(notes.userHost, host),
  ], query);
}

export interface TagSearchQuery extends Page {
  limit: number;
  /** One tag, or an OR of ANDs: [[a, b], [c]] = (a AND b) OR c. */
  tag?: string;
  query?: string[][];
  reply?: boolean | null;
  renote?: boolean | null;
  withFiles?: boolean;
  poll?: boolean | null;
}

/** `tags @> '{a,b}'`: served by the GIN index `notes_tags_idx`. */
function hasAllTags(tags: readonly string[]): SQL {
  return sql`${notes.tags} @> ARRAY[${sql.join(tags.map((tag) => sql`${tag}`), sql`, `)}]::varchar[]`;
}

/**
 * `notes/search-by-tag` with Misskey's filters: `reply`/`renote`/`poll` true = only such notes,
 * false = none of them, null/absent = either; `withFiles` = only notes with files. Tags are
 * normalised as stored (NFKC, lower case, no '#'). An empty query (or only empty groups) matches
 * nothing.
 */
export function searchNotesByTag(ctx: AppContext, viewer: AuthUser | null, query: TagSearchQuery): Promise<NoteRow[] | []> {
  const groups = (query.tag !== undefined ? [[query.tag]] : query.query ?? [])
    .map((group) => normalizeTags(group))
    .filter((group) => group.length > 0);
  if (groups.length === 0) return Promise.resolve([]);
  const flag = (value: boolean | null | undefined, condition: SQL) => (value == null ? undefined : value ? condition : not(condition));
  return listVisibleNotes(ctx, viewer, [
    or(...groups.map(hasAllTags)),
    flag(query.reply, sql`${notes.replyId} IS NOT NULL`),
    flag(query.renote, sql`${notes.renoteId} IS NOT NULL`),
    flag(query.poll, sql`${notes.hasPoll}`),
    query.withFiles ? sql`cardinality(${notes.fileIds}) > 0` : undefined,
  ], query);
}
