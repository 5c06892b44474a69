import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { notes, userNotePinings } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { Note } from '../notes/schema.js';
import { visibleNotesWhere } from '../notes/visibility.js';
import { policiesOf } from '../roles/policies.js';

/**
 * Pins one of the user's own notes to their profile (Misskey's order: the note, the `pinLimit`
 * role policy, already pinned). Pins of one user are serialised by a transaction-scoped advisory
 * lock, so racing requests cannot pass the limit together.
 */
export async function pinNote(ctx: AppContext, user: AuthUser, noteId: string): Promise<'noSuchNote' | 'pinLimitExceeded' | 'alreadyPinned' | null> {
  return ctx.db.transaction(async (tx) => {
    const [note] = await tx.select({ id: notes.id }).from(notes).where(and(eq(notes.id, noteId), eq(notes.userId, user.id))).limit(1);
    if (!note) return 'noSuchNote';
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pin:${user.id}`}, 0))`);
    const pins = await tx.select({ noteId: userNotePinings.noteId }).from(userNotePinings).where(eq(userNotePinings.userId, user.id));
    if (pins.length >= (await policiesOf(ctx, user.id)).pinLimit) return 'pinLimitExceeded';
    if (pins.some((pin) => pin.noteId === note.id)) return 'alreadyPinned';
    await tx.insert(userNotePinings).values({ id: genId(), userId: user.id, noteId: note.id });
    return null;
  });
}

/** Unpins one of the user's notes; a note that is not theirs, or not pinned, is `noSuchNote` (Misskey). */
export async function unpinNote(ctx: AppContext, user: AuthUser, noteId: string): Promise<'noSuchNote' | null> {
  const [removed] = await ctx.db.delete(userNotePinings)
    .where(and(eq(userNotePinings.userId, user.id), eq(userNotePinings.noteId, noteId))).returning({ id: userNotePinings.id });
  return removed ? null : 'noSuchNote';
}

/**
 * The pinned notes of several users as `viewer` sees them (latest pin first), for packed
 * UserDetailed: one query for all users' pins (only notes the viewer may read), one batch of
 * packNotes. Users without pins are missing from the map.
 */
export async function loadPinnedNotes(ctx: AppContext, userIds: readonly string[], viewer: AuthUser | null): Promise<Map<string, Note[]>> {
  const result = new Map<string, Note[]>();
  if (userIds.length === 0) return result;
  const rows = await ctx.db.select({ userId: userNotePinings.userId, note: notes }).from(userNotePinings)
    .innerJoin(notes, eq(notes.id, userNotePinings.noteId))
    .where(and(inArray(userNotePinings.userId, [...userIds]), visibleNotesWhere(viewer, { includeMuted: true })))
    .orderBy(desc(userNotePinings.id));
  if (rows.length === 0) return result;
  // Imported when first needed: notes/pack.ts imports users/pack.ts, which imports this module.
  const { packNotes } = await import('../notes/pack.js');
  const packed = new Map((await packNotes(ctx, rows.map((row) => row.note), viewer)).map((note) => [note.id, note]));
  for (const row of rows) {
    const note = packed.get(row.note.id);
    if (!note) continue;
    let list = result.get(row.userId);
    if (!list) result.set(row.userId, list = []);
    list.push(note);
  }
  return result;
}
