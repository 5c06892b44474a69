import { and, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { clipNotes, clips, notes, type ClipRow, type NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { foreignKeyViolation } from '../../db/errors.js';
import { genId } from '../../misc/id.js';
import { likeEscape, listVisibleNotes, type NotePage } from '../notes/read-list.js';
import { findVisibleNote } from '../notes/visibility.js';
import { policiesOf } from '../roles/policies.js';
import { countClipNotes, countClips, lockClipOwner } from './clips.js';

/** The notes in clips: adding, removing, and reading them as the viewer may. */

export type AddNoteResult = 'ok' | 'noSuchNote' | 'alreadyClipped' | 'tooManyClipNotes' | 'clipLimitExceeded' | 'clipNotesLimitExceeded';

/**
 * Adds a note the owner can see to their clip, within `noteEachClipsLimit`; the clip's
 * `lastClippedAt` and the note's `clippedCount` change in the same transaction. The owner's lock
 * makes concurrent adds count one after another.
 */
export async function addNoteToClip(ctx: AppContext, clip: ClipRow, owner: AuthUser, noteId: string): Promise<AddNoteResult> {
  const note = await findVisibleNote(ctx, noteId, owner);
  if (!note) return 'noSuchNote';
  const policies = await policiesOf(ctx, owner.id);
  try {
    return await ctx.db.transaction(async (tx): Promise<AddNoteResult> => {
      await lockClipOwner(tx, clip.userId);
      const [existing] = await tx.select({ id: clipNotes.id }).from(clipNotes)
        .where(and(eq(clipNotes.clipId, clip.id), eq(clipNotes.noteId, note.id))).limit(1);
      if (existing) return 'alreadyClipped';
      if (await countClips(tx, clip.userId) > policies.clipLimit) return 'clipLimitExceeded';
      const held = await countClipNotes(tx, clip.id);
      if (held > policies.noteEachClipsLimit) return 'clipNotesLimitExceeded';
      if (held >= policies.noteEachClipsLimit) return 'tooManyClipNotes';
      await tx.insert(clipNotes).values({ id: genId(), clipId: clip.id, noteId: note.id });
      await tx.update(clips).set({ lastClippedAt: new Date() }).where(eq(clips.id, clip.id));
      await tx.update(notes).set({ clippedCount: sql`${notes.clippedCount} + 1` }).where(eq(notes.id, note.id));
      return 'ok';
    });
  } catch (error) {
    // The note (or the clip) was deleted since it was read: the foreign key refused the row.
    if (foreignKeyViolation(error)) return 'noSuchNote';
    throw error;
  }
}

/**
 * Removes a note from the owner's clip. A note in the clip can be removed even when the owner can no
 * longer see it; a note that is not in the clip is no error (Misskey) unless the owner cannot see it
 * either (`noSuchNote`, as if it did not exist).
 */
export async function removeNoteFromClip(ctx: AppContext, clip: ClipRow, owner: AuthUser, noteId: string): Promise<'ok' | 'noSuchNote'> {
  const removed = await ctx.db.transaction(async (tx) => {
    const rows = await tx.delete(clipNotes).where(and(eq(clipNotes.clipId, clip.id), eq(clipNotes.noteId, noteId)))
      .returning({ noteId: clipNotes.noteId });
    if (rows.length > 0) await tx.update(notes).set({ clippedCount: sql`greatest(${notes.clippedCount} - 1, 0)` }).where(eq(notes.id, noteId));
    return rows.length > 0;
  });
  if (removed) return 'ok';
  return await findVisibleNote(ctx, noteId, owner) ? 'ok' : 'noSuchNote';
}

/**
 * `clips/notes`: a page of the clip's notes (by note id, as Misskey) that the viewer may read, with
 * the blocks and mutes of any timeline (the one visibility module decides). `search`: every word
 * must occur in the text (case-insensitive).
 */
export async function listClipNotes(ctx: AppContext, clip: ClipRow, viewer: AuthUser | null, page: NotePage, search?: string | null): Promise<NoteRow[]> {
  const conditions: (SQL | undefined)[] = [
    inArray(notes.id, ctx.db.select({ id: clipNotes.noteId }).from(clipNotes).where(eq(clipNotes.clipId, clip.id))),
  ];
  for (const word of search?.trim().split(/\s+/).filter((w) => w.length > 0) ?? []) {
    conditions.push(ilike(notes.text, `%${likeEscape(word)}%`));
  }
  return listVisibleNotes(ctx, viewer, conditions, page);
}

/** `notes/clips`: public clips holding a note the viewer can see (at most 10, newest first), or null for no such note. */
export async function publicClipsOfNote(ctx: AppContext, noteId: string, viewer: AuthUser | null): Promise<ClipRow[] | null> {
  const note = await findVisibleNote(ctx, noteId, viewer);
  if (!note) return null;
  return ctx.db.select({ clip: clips }).from(clipNotes).innerJoin(clips, eq(clips.id, clipNotes.clipId))
    .where(and(eq(clipNotes.noteId, note.id), eq(clips.isPublic, true)))
    .orderBy(desc(clips.id)).limit(10)
    .then((rows) => rows.map((row) => row.clip));
}
