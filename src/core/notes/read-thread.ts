import { eq, inArray, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { Page } from '../pagination.js';
import { isQuoteSql, listVisibleNotes } from './read-list.js';

/**
 * `notes/children`: replies to the note and quotes of it (renotes with content of their own),
 * as Misskey lists them under a note. Pure renotes are not children.
 */
export function listChildren(ctx: AppContext, noteId: string, viewer: AuthUser | null, page: Page & { limit: number }): Promise<NoteRow[]> {
  return listVisibleNotes(ctx, viewer, [or(eq(notes.replyId, noteId), sql`(${notes.renoteId} = ${noteId} AND ${isQuoteSql})`)], page);
}

/** `notes/replies`: direct replies to the note. */
export function listReplies(ctx: AppContext, noteId: string, viewer: AuthUser | null, page: Page & { limit: number }): Promise<NoteRow[]> {
  return listVisibleNotes(ctx, viewer, [eq(notes.replyId, noteId)], page);
}

/** `notes/renotes`: every renote of the note (pure renotes and quotes, as Misskey), optionally by one user. */
export function listRenotes(ctx: AppContext, noteId: string, viewer: AuthUser | null, page: Page & { limit: number; userId?: string }): Promise<NoteRow[]> {
  return listVisibleNotes(ctx, viewer, [eq(notes.renoteId, noteId), page.userId ? eq(notes.userId, page.userId) : undefined], page);
}

/**
 * `notes/conversation`: the chain of notes the note replies to, nearest first, skipping `offset`
 * and returning at most `limit` (Misskey walks `replyId` one note at a time; here one recursive
 * query on the primary key finds the chain, one more loads the rows). Ancestors the viewer may not
 * read stay in the chain: the caller packs them as hidden shells, as Misskey does.
 */
export async function listConversation(ctx: AppContext, note: NoteRow, options: { limit: number; offset: number }): Promise<NoteRow[]> {
  if (note.replyId == null) return [];
  const depth = options.offset + options.limit;
  const { rows } = await ctx.db.execute<{ id: string; depth: number }>(sql`
    WITH RECURSIVE chain(id, reply_id, depth) AS (
      SELECT id, reply_id, 1 FROM notes WHERE id = ${note.replyId}
      UNION ALL
      SELECT n.id, n.reply_id, c.depth + 1 FROM notes n JOIN chain c ON n.id = c.reply_id WHERE c.depth < ${depth}
    )
    SELECT id, depth FROM chain ORDER BY depth OFFSET ${options.offset} LIMIT ${options.limit}`);
  if (rows.length === 0) return [];
  const found = new Map((await ctx.db.select().from(notes).where(inArray(notes.id, rows.map((row) => row.id)))).map((row) => [row.id, row]));
  return rows.flatMap((row) => found.get(row.id) ?? []);
}
