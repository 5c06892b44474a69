import { boolean, index, jsonb, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { userLists } from './lists.js';
import { notes } from './notes.js';

const id = (name: string) => varchar(name, { length: 32 });

/** Misskey's antenna sources. */
export type AntennaSource = 'home' | 'all' | 'users' | 'list' | 'users_blacklist';

/**
 * Saved filters that collect new notes (Misskey's `antenna`). Whether an antenna is active is not
 * stored: it is active while `last_used_at` (set by create, update and `antennas/notes`) is recent
 * enough (docs/decisions.md, "Antennas: inactive after a week unused").
 */
export const antennas = pgTable('antennas', {
  id: id('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: varchar('name', { length: 128 }).notNull(),
  src: varchar('src', { length: 32 }).$type<AntennaSource>().notNull(),
  /** Misskey deletes an antenna with its list. */
  userListId: id('user_list_id').references(() => userLists.id, { onDelete: 'cascade' }),
  /** OR of AND groups of words. */
  keywords: jsonb('keywords').$type<string[][]>().notNull().default([]),
  excludeKeywords: jsonb('exclude_keywords').$type<string[][]>().notNull().default([]),
  /** Accounts (`@user@host`) for the `users` and `users_blacklist` sources. */
  users: varchar('users', { length: 1024 }).array().notNull().default([]),
  caseSensitive: boolean('case_sensitive').notNull().default(false),
  localOnly: boolean('local_only').notNull().default(false),
  excludeBots: boolean('exclude_bots').notNull().default(false),
  withReplies: boolean('with_replies').notNull().default(false),
  withFile: boolean('with_file').notNull().default(false),
  excludeNotesInSensitiveChannel: boolean('exclude_notes_in_sensitive_channel').notNull().default(false),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('antennas_user_id_idx').on(t.userId, t.id),
]);

/** The notes an antenna collected, paged by note id; a deleted note or antenna takes its rows along. */
export const antennaNotes = pgTable('antenna_notes', {
  antennaId: id('antenna_id').notNull().references(() => antennas.id, { onDelete: 'cascade' }),
  noteId: id('note_id').notNull().references(() => notes.id, { onDelete: 'cascade' }),
}, (t) => [
  primaryKey({ columns: [t.antennaId, t.noteId] }),
  index('antenna_notes_note_id_idx').on(t.noteId),
]);

export type AntennaRow = typeof antennas.$inferSelect;
