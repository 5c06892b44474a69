import { boolean, index, pgTable, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { notes } from './notes.js';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const userRef = (name: string) => id(name).notNull().references(() => users.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Clips (Misskey's `clips/*`): named collections of notes, public or private to their owner. */
export const clips = pgTable('clips', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  name: varchar('name', { length: 128 }).notNull(),
  description: varchar('description', { length: 2048 }),
  isPublic: boolean('is_public').notNull().default(false),
  lastClippedAt: timestamp('last_clipped_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [
  index('clips_user_id_idx').on(t.userId, t.id),
]);

/** A note in a clip. Deleting the note (or the clip) removes it (cascade). */
export const clipNotes = pgTable('clip_notes', {
  id: id('id').primaryKey(),
  clipId: id('clip_id').notNull().references(() => clips.id, { onDelete: 'cascade' }),
  noteId: id('note_id').notNull().references(() => notes.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('clip_notes_clip_note_key').on(t.clipId, t.noteId),
  index('clip_notes_note_id_idx').on(t.noteId),
]);

/** A user's favourite of a clip. The count is always read from these rows, so it cannot drift. */
export const clipFavorites = pgTable('clip_favorites', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  clipId: id('clip_id').notNull().references(() => clips.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('clip_favorites_user_clip_key').on(t.userId, t.clipId),
  index('clip_favorites_clip_id_idx').on(t.clipId),
]);

export type ClipRow = typeof clips.$inferSelect;
export type ClipNoteRow = typeof clipNotes.$inferSelect;
export type ClipFavoriteRow = typeof clipFavorites.$inferSelect;
