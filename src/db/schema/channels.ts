import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';
import { driveFiles } from './drive.js';

const id = (name: string) => varchar(name, { length: 32 });
const userRef = (name: string) => id(name).notNull().references(() => users.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Topic channels (Misskey's `MiChannel`). Notes point at their channel by `notes.channel_id`.
 * Channels are never deleted, only archived (Misskey has no `channels/delete`); the owner's account
 * going away leaves the channel ownerless (`userId` null), as Misskey's `SET NULL`.
 */
export const channels = pgTable('channels', {
  id: id('id').primaryKey(),
  createdAt: createdAt(),
  /** When the latest note was posted into it: `channels/featured` ranks by this. */
  lastNotedAt: timestamp('last_noted_at', { withTimezone: true }),
  userId: id('user_id').references(() => users.id, { onDelete: 'set null' }),
  name: varchar('name', { length: 128 }).notNull(),
  description: varchar('description', { length: 2048 }),
  bannerId: id('banner_id').references(() => driveFiles.id, { onDelete: 'set null' }),
  pinnedNoteIds: varchar('pinned_note_ids', { length: 32 }).array().notNull().default(sql`'{}'::varchar[]`),
  color: varchar('color', { length: 16 }).notNull().default('#86b300'),
  isArchived: boolean('is_archived').notNull().default(false),
  isSensitive: boolean('is_sensitive').notNull().default(false),
  allowRenoteToExternal: boolean('allow_renote_to_external').notNull().default(true),
  /** Distinct users who posted into the channel (Misskey counts a user at their first note). */
  usersCount: integer('users_count').notNull().default(0),
  notesCount: integer('notes_count').notNull().default(0),
}, (t) => [
  index('channels_user_id_idx').on(t.userId, t.id),
  index('channels_last_noted_at_idx').on(t.lastNotedAt).where(sql`${t.lastNotedAt} IS NOT NULL AND NOT ${t.isArchived}`),
  index('channels_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
]);

export const channelFollowings = pgTable('channel_followings', {
  id: id('id').primaryKey(),
  createdAt: createdAt(),
  followerId: userRef('follower_id'),
  followeeId: id('followee_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
}, (t) => [
  uniqueIndex('channel_followings_follower_followee_key').on(t.followerId, t.followeeId),
  index('channel_followings_followee_id_idx').on(t.followeeId),
]);

export const channelFavorites = pgTable('channel_favorites', {
  id: id('id').primaryKey(),
  createdAt: createdAt(),
  userId: userRef('user_id'),
  channelId: id('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
}, (t) => [
  uniqueIndex('channel_favorites_user_channel_key').on(t.userId, t.channelId),
  index('channel_favorites_channel_id_idx').on(t.channelId),
]);

/** `channels/mute/*`: the channel's notes leave the muter's timelines, until `expiresAt` if set. */
export const channelMutings = pgTable('channel_mutings', {
  id: id('id').primaryKey(),
  createdAt: createdAt(),
  userId: userRef('user_id'),
  channelId: id('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('channel_mutings_user_channel_key').on(t.userId, t.channelId),
  index('channel_mutings_channel_id_idx').on(t.channelId),
]);

export type ChannelRow = typeof channels.$inferSelect;
