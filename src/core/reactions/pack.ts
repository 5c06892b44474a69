import { Type, type Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { NoteReactionRow, NoteRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packNotes } from '../notes/pack.js';
import { NoteSchema } from '../notes/schema.js';
import { packUserLite } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import { UserLiteSchema } from '../users/schema.js';
import { toPackedReaction } from './normalize.js';

const Id = Type.String({ format: 'misskey:id' });

/** misskey-js `NoteReaction`. */
export const NoteReactionSchema = Type.Object({
  id: Id,
  createdAt: Type.String({ format: 'date-time' }),
  user: UserLiteSchema,
  type: Type.String(),
});
/** misskey-js `NoteReactionWithNote`. */
export const NoteReactionWithNoteSchema = Type.Object({
  id: Id,
  createdAt: Type.String({ format: 'date-time' }),
  user: UserLiteSchema,
  type: Type.String(),
  note: NoteSchema,
});
export type NoteReaction = Static<typeof NoteReactionSchema>;
export type NoteReactionWithNote = Static<typeof NoteReactionWithNoteSchema>;

/** Reactions in order, one query for all reacting users; reactions of deleted users are left out. */
export async function packNoteReactions(ctx: AppContext, rows: readonly NoteReactionRow[]): Promise<NoteReaction[]> {
  const users = new Map((await findUsersByIds(ctx, [...new Set(rows.map((row) => row.userId))])).map((user) => [user.id, packUserLite(ctx, user)]));
  return rows.flatMap((row) => {
    const user = users.get(row.userId);
    return user ? [{ id: row.id, createdAt: row.createdAt.toISOString(), user, type: toPackedReaction(row.reaction) }] : [];
  });
}

/** Reactions with their notes (packed for `viewer` in one batch). */
export async function packNoteReactionsWithNotes(ctx: AppContext, rows: readonly { reaction: NoteReactionRow; note: NoteRow }[], viewer: AuthUser | null): Promise<NoteReactionWithNote[]> {
  const [reactions, packedNotes] = await Promise.all([
    packNoteReactions(ctx, rows.map((row) => row.reaction)),
    packNotes(ctx, [...new Map(rows.map((row) => [row.note.id, row.note])).values()], viewer),
  ]);
  const notesById = new Map(packedNotes.map((note) => [note.id, note]));
  const reactionsById = new Map(reactions.map((reaction) => [reaction.id, reaction]));
  return rows.flatMap((row) => {
    const reaction = reactionsById.get(row.reaction.id);
    const note = notesById.get(row.note.id);
    return reaction && note ? [{ ...reaction, note }] : [];
  });
}
