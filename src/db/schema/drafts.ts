import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import type { NoteVisibility } from './notes.js';

export interface DraftPoll {
  choices: string[];
  multiple: boolean;
  expiresAt: number | null;
  expiredAfter: number | null;
}

/**
 * Note drafts (notes/drafts/*), and scheduled notes: a draft with `isActuallyScheduled` is posted
 * at `scheduledAt` by the `postScheduledNote` job. Reply/renote/channel ids are plain columns, not
 * foreign keys: a draft outlives the note it answers, and posting then fails with a notification
 * (`scheduledNotePostFailed`), as Misskey does.
 */
export const noteDrafts = pgTable('note_drafts', {
  id: varchar('id', { length: 32 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  text: text('text'),
  cw: text('cw'),
  hashtag: varchar('hashtag', { length: 128 }),
  visibility: varchar('visibility', { length: 16 }).$type<NoteVisibility>().notNull().default('public'),
  visibleUserIds: varchar('visible_user_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  localOnly: boolean('local_only').notNull().default(false),
  reactionAcceptance: varchar('reaction_acceptance', { length: 64 }),
  replyId: varchar('reply_id', { length: 32 }),
  renoteId: varchar('renote_id', { length: 32 }),
  channelId: varchar('channel_id', { length: 32 }),
  fileIds: varchar('file_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  poll: jsonb('poll').$type<DraftPoll>(),
  scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
  isActuallyScheduled: boolean('is_actually_scheduled').notNull().default(false),
  /**
   * The id the scheduled note is posted under, reserved before posting: a retried or re-run job
   * finds the note already there and does not post it twice.
   */
  postingNoteId: varchar('posting_note_id', { length: 32 }),
}, (t) => [
  index('note_drafts_user_id_idx').on(t.userId, t.id),
]);

export type NoteDraftRow = typeof noteDrafts.$inferSelect;
