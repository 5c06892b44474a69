import { foreignKeyViolation } from '../../db/errors.js';
import { Type, type Static } from '@sinclair/typebox';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { noteFavorites, notes, type NoteFavoriteRow, type NoteRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packNotes } from '../notes/pack.js';
import { NoteSchema } from '../notes/schema.js';
import { findVisibleNote, visibleNotesWhere } from '../notes/visibility.js';
import { paginate, type Page } from '../pagination.js';
import { isThreadMuted, threadOf } from '../thread-muting/thread-muting.js';

/** misskey-js `NoteFavorite`. */
export const NoteFavoriteSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  createdAt: Type.String({ format: 'date-time' }),
  note: NoteSchema,
  noteId: Type.String({ format: 'misskey:id' }),
});
export type NoteFavorite = Static<typeof NoteFavoriteSchema>;

/** Favorites a note the user can see. The unique (user, note) pair decides races. */
export async function createFavorite(ctx: AppContext, user: AuthUser, noteId: string): Promise<'noSuchNote' | 'alreadyFavorited' | null> {
  const note = await findVisibleNote(ctx, noteId, user);
  if (!note) return 'noSuchNote';
  try {
    const inserted = await ctx.db.insert(noteFavorites).values({ id: genId(), noteId: note.id, userId: user.id })
      .onConflictDoNothing({ target: [noteFavorites.userId, noteFavorites.noteId] }).returning({ id: noteFavorites.id });
    return inserted.length > 0 ? null : 'alreadyFavorited';
  } catch (error) {
    if (foreignKeyViolation(error)) return 'noSuchNote';
    throw error;
  }
}

/**
 * Removes a favorite. A note that exists but the user can no longer see can still be unfavorited
 * when it is among their favorites; otherwise `noSuchNote`, as if it did not exist.
 */
export async function deleteFavorite(ctx: AppContext, user: AuthUser, noteId: string): Promise<'noSuchNote' | 'notFavorited' | null> {
  const [removed] = await ctx.db.delete(noteFavorites)
    .where(and(eq(noteFavorites.userId, user.id), eq(noteFavorites.noteId, noteId))).returning({ id: noteFavorites.id });
  if (removed) return null;
  return await findVisibleNote(ctx, noteId, user) ? 'notFavorited' : 'noSuchNote';
}

/** The user's favorites of notes they can still see, newest favorite first. */
export async function listFavorites(ctx: AppContext, user: AuthUser, page: Page & { limit: number }): Promise<{ favorite: NoteFavoriteRow; note: NoteRow }[]> {
  const { where, orderBy } = paginate(noteFavorites.id, page);
  return ctx.db.select({ favorite: noteFavorites, note: notes }).from(noteFavorites)
    .innerJoin(notes, eq(notes.id, noteFavorites.noteId))
    .where(and(eq(noteFavorites.userId, user.id), visibleNotesWhere(user, { includeMuted: true }), where))
    .orderBy(orderBy).limit(page.limit);
}

/** Favorites with their notes packed in one batch. */
export async function packFavorites(ctx: AppContext, rows: readonly { favorite: NoteFavoriteRow; note: NoteRow }[], viewer: AuthUser): Promise<NoteFavorite[]> {
  const packed = new Map((await packNotes(ctx, rows.map((row) => row.note), viewer)).map((note) => [note.id, note]));
  return rows.flatMap(({ favorite }) => {
    const note = packed.get(favorite.noteId);
    return note ? [{ id: favorite.id, createdAt: favorite.createdAt.toISOString(), note, noteId: favorite.noteId }] : [];
  });
}

/** `notes/state`: whether the user favorited the note and muted its thread (false for unknown notes). */
export async function noteState(ctx: AppContext, user: AuthUser, noteId: string): Promise<{ isFavorited: boolean; isMutedThread: boolean }> {
  const [[favorited], [note]] = await Promise.all([
    ctx.db.select({ one: sql`1` }).from(noteFavorites).where(and(eq(noteFavorites.userId, user.id), eq(noteFavorites.noteId, noteId))).limit(1),
    ctx.db.select({ id: notes.id, threadId: notes.threadId }).from(notes).where(eq(notes.id, noteId)).limit(1),
  ]);
  return { isFavorited: favorited != null, isMutedThread: note ? await isThreadMuted(ctx, user.id, threadOf(note)) : false };
}
