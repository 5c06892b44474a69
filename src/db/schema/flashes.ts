import { index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const userRef = (name: string) => id(name).notNull().references(() => users.id, { onDelete: 'cascade' });

export type FlashVisibility = 'public' | 'private';

/**
 * Plays (Misskey's `flash/*`): an AiScript program with a title and summary. Mikan stores and shows
 * the script; it never runs it (docs/decisions.md). A private Play exists for its owner only.
 */
export const flashes = pgTable('flashes', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  title: varchar('title', { length: 256 }).notNull(),
  summary: text('summary').notNull(),
  script: text('script').notNull(),
  permissions: text('permissions').array().notNull().default([]),
  visibility: varchar('visibility', { length: 16 }).$type<FlashVisibility>().notNull().default('public'),
  /** Kept with each like and unlike in the same transaction as the like row, so it cannot drift; `flash/featured` sorts by it. */
  likedCount: integer('liked_count').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('flashes_user_id_idx').on(t.userId, t.id),
  index('flashes_liked_count_idx').on(t.likedCount, t.id),
]);

/** A user's like of a Play. */
export const flashLikes = pgTable('flash_likes', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  flashId: id('flash_id').notNull().references(() => flashes.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('flash_likes_user_flash_key').on(t.userId, t.flashId),
  index('flash_likes_user_id_idx').on(t.userId, t.id),
  index('flash_likes_flash_id_idx').on(t.flashId),
]);

export type FlashRow = typeof flashes.$inferSelect;
export type FlashLikeRow = typeof flashLikes.$inferSelect;
