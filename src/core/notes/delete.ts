import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, type NoteRow } from '../../db/schema/index.js';
import { publishNoteStream } from '../../bus/topics.js';
import { retryDeadlock } from '../../db/errors.js';
import { recordNote } from '../charts/record.js';
import { notesDeleted } from '../../federation/hooks.js';

type DeletedNote = {
  id: string; user_id: string; user_host: string | null; reply_id: string | null; renote_id: string | null; has_files: boolean;
  visibility: string; local_only: boolean; channel_id: string | null; is_pure_renote: boolean;
};

/**
 * Deletes notes and, as Misskey does, everything that hangs off them: replies, renotes and quotes,
 * recursively (their reactions, poll votes, favorites and pins go with them through the foreign
 * keys). In ONE transaction every count stays exact: each deleted note's author loses one from
 * `notesCount`; a surviving note replied to loses one `repliesCount` per deleted reply; a surviving
 * note renoted loses one `renoteCount` per user who no longer renotes it (renotes count once per
 * user, see create.ts). Then `deleted` goes out on each note's stream. Returns the deleted ids.
 */
export async function deleteNotes(ctx: AppContext, rootIds: readonly string[]): Promise<string[]> {
  if (rootIds.length === 0) return [];
  // One parameter however many roots (ids are [0-9a-z], so a comma list is safe), and the tree is
  // deleted inside the statement that finds it: a thread of any size never meets PostgreSQL's limit
  // of 65,535 bind parameters.
  const roots = sql`string_to_array(${rootIds.join(',')}, ',')::varchar[]`;
  // A reply being posted to the tree locks its author's row and then waits for the tree; this
  // transaction holds the tree and then counts that author's notes: a deadlock, retried.
  let deletedRows: DeletedNote[] = [];
  const deleted = await retryDeadlock(() => ctx.db.transaction(async (tx) => {
    deletedRows = []; // a retried attempt starts over
    // Lock the whole tree first, again until it stops growing. A reply posted meanwhile to a note
    // of the tree would otherwise be deleted by the foreign key's cascade without being counted
    // here (its author's notesCount one too high for good); once every note of the tree is locked,
    // no reply or renote can be added under it (the insert waits, then finds its target gone).
    for (let previous = ''; ;) {
      const { rows: locked } = await tx.execute<{ id: string }>(sql`
        WITH RECURSIVE tree AS (
          SELECT id FROM notes WHERE id = ANY(${roots})
          UNION
          SELECT n.id FROM notes n JOIN tree t ON n.reply_id = t.id OR n.renote_id = t.id
        )
        SELECT id FROM notes WHERE id IN (SELECT id FROM tree) ORDER BY id FOR UPDATE`);
      const current = locked.map((row) => row.id).join(',');
      if (current === previous) break;
      previous = current;
    }
    const { rows } = await tx.execute<DeletedNote>(sql`
      WITH RECURSIVE tree AS (
        SELECT id FROM notes WHERE id = ANY(${roots})
        UNION
        SELECT n.id FROM notes n JOIN tree t ON n.reply_id = t.id OR n.renote_id = t.id
      )
      DELETE FROM notes WHERE id IN (SELECT id FROM tree)
      RETURNING id, user_id, user_host, reply_id, renote_id, cardinality(file_ids) > 0 AS has_files,
        visibility, local_only, channel_id, (renote_id IS NOT NULL AND text IS NULL AND cw IS NULL AND reply_id IS NULL AND NOT has_poll AND cardinality(file_ids) = 0) AS is_pure_renote`);
    if (rows.length === 0) return [];
    deletedRows = rows;
    const ids = new Set(rows.map((row) => row.id));

    const perAuthor = new Map<string, number>();
    for (const row of rows) perAuthor.set(row.user_id, (perAuthor.get(row.user_id) ?? 0) + 1);
    for (const [userId, count] of perAuthor) {
      await tx.execute(sql`UPDATE users SET notes_count = GREATEST(notes_count - ${count}, 0) WHERE id = ${userId}`);
    }

    const repliesLost = new Map<string, number>();
    const renotePairs = new Map<string, { noteId: string; userId: string }>();
    for (const row of rows) {
      if (row.reply_id && !ids.has(row.reply_id)) repliesLost.set(row.reply_id, (repliesLost.get(row.reply_id) ?? 0) + 1);
      if (row.renote_id && !ids.has(row.renote_id)) renotePairs.set(`${row.renote_id}:${row.user_id}`, { noteId: row.renote_id, userId: row.user_id });
    }
    for (const [noteId, count] of repliesLost) {
      await tx.execute(sql`UPDATE notes SET replies_count = GREATEST(replies_count - ${count}, 0) WHERE id = ${noteId}`);
    }
    for (const { noteId, userId } of renotePairs.values()) {
      await tx.execute(sql`
        UPDATE notes SET renote_count = GREATEST(renote_count - 1, 0)
        WHERE id = ${noteId} AND NOT EXISTS (SELECT 1 FROM notes r WHERE r.renote_id = ${noteId} AND r.user_id = ${userId})`);
    }
    return [...ids];
  }));

  for (const row of deletedRows) recordNote(ctx, { userId: row.user_id, userHost: row.user_host, replyId: row.reply_id, renoteId: row.renote_id, hasFiles: row.has_files }, false);
  const deletedAt = new Date().toISOString();
  for (const id of deleted) publishNoteStream(ctx, id, 'deleted', { deletedAt });
  notesDeleted(ctx, deletedRows.map((row) => ({
    id: row.id, userId: row.user_id, userHost: row.user_host, visibility: row.visibility, localOnly: row.local_only, channelId: row.channel_id, isPureRenote: row.is_pure_renote,
  })));
  return deleted;
}

export async function findNoteById(ctx: AppContext, noteId: string): Promise<NoteRow | null> {
  const [note] = await ctx.db.select().from(notes).where(eq(notes.id, noteId)).limit(1);
  return note ?? null;
}

/** `notes/unrenote`: deletes all of the user's renotes of a note (Misskey deletes every one, quotes included). */
export async function unrenote(ctx: AppContext, userId: string, noteId: string): Promise<string[]> {
  const renotes = await ctx.db.select({ id: notes.id }).from(notes).where(and(eq(notes.renoteId, noteId), eq(notes.userId, userId)));
  return deleteNotes(ctx, renotes.map((row) => row.id));
}
