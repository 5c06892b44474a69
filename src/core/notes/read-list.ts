import { and, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { paginate, type Page } from '../pagination.js';
import { visibleNotesWhere, type VisibleWhereOptions } from './visibility.js';

/** A page of a note list: Misskey's id/date bounds, a limit, and (some endpoints) an offset. */
export interface NotePage extends Page {
  limit: number;
  offset?: number;
}

/**
 * One page of the notes matching `conditions` that `viewer` may read (visibility, blocks both ways,
 * suspended authors, and — unless `includeMuted` — mutes), newest first (oldest first when only a
 * lower bound is given, Misskey's paging). The one query every reading list in this folder runs.
 */
export async function listVisibleNotes(
  ctx: AppContext,
  viewer: AuthUser | null,
  conditions: readonly (SQL | undefined)[],
  page: NotePage,
  options: VisibleWhereOptions = {},
): Promise<NoteRow[]> {
  const { where, orderBy } = paginate(notes.id, page);
  let query = ctx.db.select().from(notes)
    .where(and(...conditions, where, visibleNotesWhere(viewer, options)))
    .orderBy(orderBy)
    .limit(page.limit)
    .$dynamic();
  if (page.offset) query = query.offset(page.offset);
  return query;
}

/**
 * A pure renote (no text, cw, files, poll or reply of its own) as a SQL condition on `notes`: the
 * same definition as `isPureRenote` in visibility.ts.
 */
export const isPureRenoteSql: SQL = sql`(${notes.renoteId} IS NOT NULL AND ${notes.text} IS NULL AND ${notes.cw} IS NULL
  AND cardinality(${notes.fileIds}) = 0 AND NOT ${notes.hasPoll} AND ${notes.replyId} IS NULL)`;

/** A quote: a renote with content of its own (text, files or a poll), Misskey's `isQuote`. */
export const isQuoteSql: SQL = sql`(${notes.renoteId} IS NOT NULL AND (${notes.text} IS NOT NULL OR cardinality(${notes.fileIds}) > 0 OR ${notes.hasPoll}))`;

/** Escapes `%`, `_` and `\` for a LIKE/ILIKE pattern (Misskey's `sqlLikeEscape`). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
