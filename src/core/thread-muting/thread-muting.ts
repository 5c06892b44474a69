import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { noteThreadMutings, type NoteRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import { findVisibleNote } from '../notes/visibility.js';

/** The thread a note belongs to: its root's id (the note itself when it is not a reply). */
export function threadOf(note: Pick<NoteRow, 'id' | 'threadId'>): string {
  return note.threadId ?? note.id;
}

/** Mutes the thread of a note the user can see. Muting twice is not an error. */
export async function muteThread(ctx: AppContext, user: AuthUser, noteId: string): Promise<'noSuchNote' | null> {
  const note = await findVisibleNote(ctx, noteId, user);
  if (!note) return 'noSuchNote';
  await ctx.db.insert(noteThreadMutings).values({ id: genId(), userId: user.id, threadId: threadOf(note) })
    .onConflictDoNothing({ target: [noteThreadMutings.userId, noteThreadMutings.threadId] });
  return null;
}

/** Unmutes the thread of a note the user can see; nothing muted is not an error (Misskey). */
export async function unmuteThread(ctx: AppContext, user: AuthUser, noteId: string): Promise<'noSuchNote' | null> {
  const note = await findVisibleNote(ctx, noteId, user);
  if (!note) return 'noSuchNote';
  await ctx.db.delete(noteThreadMutings).where(and(eq(noteThreadMutings.userId, user.id), eq(noteThreadMutings.threadId, threadOf(note))));
  return null;
}

/** Whether the user muted this thread (for notes/state and for skipping notifications in it). */
export async function isThreadMuted(ctx: AppContext, userId: string, threadId: string): Promise<boolean> {
  const [row] = await ctx.db.select({ one: sql`1` }).from(noteThreadMutings)
    .where(and(eq(noteThreadMutings.userId, userId), eq(noteThreadMutings.threadId, threadId))).limit(1);
  return row != null;
}
