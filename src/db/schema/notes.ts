import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

export type NoteVisibility = 'public' | 'home' | 'followers' | 'specified';
export type ReactionAcceptance = 'likeOnly' | 'likeOnlyForRemote' | 'nonSensitiveOnly' | 'nonSensitiveOnlyForLocalLike' | null;

const id = (name: string) => varchar(name, { length: 32 });
const userRef = (name: string) => id(name).notNull().references(() => users.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Notes. Reply/renote authors and the author's host are copied onto the row so timelines,
 * block/mute filters and counts need no join. Ids are aidx, so `id` order is creation order and
 * every timeline pages on an index ending in `id`.
 */
export const notes = pgTable('notes', {
  id: id('id').primaryKey(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  userId: userRef('user_id'),
  userHost: varchar('user_host', { length: 512 }),
  text: text('text'),
  cw: text('cw'),
  visibility: varchar('visibility', { length: 16 }).$type<NoteVisibility>().notNull(),
  localOnly: boolean('local_only').notNull().default(false),
  reactionAcceptance: varchar('reaction_acceptance', { length: 64 }).$type<ReactionAcceptance>(),
  replyId: id('reply_id').references((): any => notes.id, { onDelete: 'cascade' }),
  replyUserId: id('reply_user_id'),
  renoteId: id('renote_id').references((): any => notes.id, { onDelete: 'cascade' }),
  renoteUserId: id('renote_user_id'),
  /** The root of the conversation (the note itself when it is not a reply). */
  threadId: id('thread_id'),
  channelId: id('channel_id'),
  fileIds: varchar('file_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  /** MIME types of the attached files, for `withFiles` filters without a join. */
  attachedFileTypes: varchar('attached_file_types', { length: 256 }).array().notNull().default(sql`'{}'::varchar[]`),
  /** `specified` notes: who may read them besides the author. */
  visibleUserIds: varchar('visible_user_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  /** Mentioned local users (ids), resolved at posting. */
  mentions: varchar('mentions', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  /** Lower-cased hashtags without '#'. */
  tags: varchar('tags', { length: 128 }).array().notNull().default(sql`'{}'::varchar[]`),
  /** Custom emoji names used in text/cw. */
  emojis: varchar('emojis', { length: 128 }).array().notNull().default(sql`'{}'::varchar[]`),
  hasPoll: boolean('has_poll').notNull().default(false),
  repliesCount: integer('replies_count').notNull().default(0),
  renoteCount: integer('renote_count').notNull().default(0),
  clippedCount: integer('clipped_count').notNull().default(0),
  /** Reaction → count; kept exact by the reaction functions in one statement each. */
  reactions: jsonb('reactions').$type<Record<string, number>>().notNull().default({}),
  uri: varchar('uri', { length: 512 }),
  url: varchar('url', { length: 512 }),
}, (t) => [
  index('notes_user_id_id_idx').on(t.userId, t.id),
  index('notes_reply_id_idx').on(t.replyId),
  index('notes_renote_id_idx').on(t.renoteId),
  index('notes_thread_id_idx').on(t.threadId),
  index('notes_channel_id_idx').on(t.channelId, t.id),
  // Local timeline: public notes by local users outside channels.
  index('notes_local_public_idx').on(t.id).where(sql`${t.visibility} = 'public' AND ${t.userHost} IS NULL AND ${t.channelId} IS NULL`),
  index('notes_mentions_idx').using('gin', t.mentions),
  index('notes_visible_user_ids_idx').using('gin', t.visibleUserIds),
  index('notes_tags_idx').using('gin', t.tags),
  index('notes_file_ids_idx').using('gin', t.fileIds),
  index('notes_text_trgm_idx').using('gin', sql`${t.text} gin_trgm_ops`),
  // Remote notes are found by their ActivityPub id (a repeated Create, a Delete).
  uniqueIndex('notes_uri_key').on(t.uri).where(sql`${t.uri} IS NOT NULL`),
]);

export const polls = pgTable('polls', {
  noteId: id('note_id').primaryKey().references(() => notes.id, { onDelete: 'cascade' }),
  userId: userRef('user_id'),
  choices: varchar('choices', { length: 256 }).array().notNull(),
  /** votes[i] is the number of votes for choices[i]. */
  votes: integer('votes').array().notNull(),
  multiple: boolean('multiple').notNull().default(false),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  /** Set once `pollEnded` notifications went out; the sweeper claims rows where it is null. */
  endedNotifiedAt: timestamp('ended_notified_at', { withTimezone: true }),
}, (t) => [
  index('polls_pending_end_idx').on(t.expiresAt).where(sql`${t.expiresAt} IS NOT NULL AND ${t.endedNotifiedAt} IS NULL`),
]);

export const pollVotes = pgTable('poll_votes', {
  id: id('id').primaryKey(),
  noteId: id('note_id').notNull().references(() => notes.id, { onDelete: 'cascade' }),
  userId: userRef('user_id'),
  choice: integer('choice').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('poll_votes_note_user_choice_key').on(t.noteId, t.userId, t.choice),
  index('poll_votes_user_id_idx').on(t.userId),
]);

export const noteReactions = pgTable('note_reactions', {
  id: id('id').primaryKey(),
  noteId: id('note_id').notNull().references(() => notes.id, { onDelete: 'cascade' }),
  userId: userRef('user_id'),
  reaction: varchar('reaction', { length: 260 }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('note_reactions_user_note_key').on(t.userId, t.noteId),
  index('note_reactions_note_id_idx').on(t.noteId, t.id),
  index('note_reactions_user_id_idx').on(t.userId, t.id),
]);

export const noteFavorites = pgTable('note_favorites', {
  id: id('id').primaryKey(),
  noteId: id('note_id').notNull().references(() => notes.id, { onDelete: 'cascade' }),
  userId: userRef('user_id'),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('note_favorites_user_note_key').on(t.userId, t.noteId),
  index('note_favorites_user_id_idx').on(t.userId, t.id),
  index('note_favorites_note_id_idx').on(t.noteId),
]);

/** Pinned notes on a profile (`i/pin`). */
export const userNotePinings = pgTable('user_note_pinings', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  noteId: id('note_id').notNull().references(() => notes.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('user_note_pinings_user_note_key').on(t.userId, t.noteId),
]);

/** Muted threads (`notes/thread-muting/*`): `threadId` is the root note's id. */
export const noteThreadMutings = pgTable('note_thread_mutings', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  threadId: id('thread_id').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('note_thread_mutings_user_thread_key').on(t.userId, t.threadId),
]);

/** Hashtags ever used, with who used them; trends are computed from recent notes' `tags`. */
export const hashtags = pgTable('hashtags', {
  id: id('id').primaryKey(),
  name: varchar('name', { length: 128 }).notNull(),
  mentionedUserIds: varchar('mentioned_user_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  mentionedUsersCount: integer('mentioned_users_count').notNull().default(0),
  mentionedLocalUserIds: varchar('mentioned_local_user_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  mentionedLocalUsersCount: integer('mentioned_local_users_count').notNull().default(0),
  attachedUserIds: varchar('attached_user_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  attachedUsersCount: integer('attached_users_count').notNull().default(0),
  attachedLocalUserIds: varchar('attached_local_user_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  attachedLocalUsersCount: integer('attached_local_users_count').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('hashtags_name_key').on(t.name),
  index('hashtags_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
]);

export type NoteRow = typeof notes.$inferSelect;
export type PollRow = typeof polls.$inferSelect;
export type PollVoteRow = typeof pollVotes.$inferSelect;
export type NoteReactionRow = typeof noteReactions.$inferSelect;
export type NoteFavoriteRow = typeof noteFavorites.$inferSelect;
export type HashtagRow = typeof hashtags.$inferSelect;
