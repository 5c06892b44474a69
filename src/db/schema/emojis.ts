import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

/** Custom emoji. Local ones (host null) are what `emojis`/`emoji` list. */
export const emojis = pgTable('emojis', {
  id: varchar('id', { length: 32 }).primaryKey(),
  name: varchar('name', { length: 128 }).notNull(),
  host: varchar('host', { length: 512 }),
  category: varchar('category', { length: 128 }),
  aliases: text('aliases').array().notNull().default([]),
  originalUrl: varchar('original_url', { length: 512 }).notNull(),
  publicUrl: varchar('public_url', { length: 512 }).notNull().default(''),
  uri: varchar('uri', { length: 512 }),
  type: varchar('type', { length: 64 }),
  license: varchar('license', { length: 1024 }),
  isSensitive: boolean('is_sensitive').notNull().default(false),
  localOnly: boolean('local_only').notNull().default(false),
  roleIdsThatCanBeUsedThisEmojiAsReaction: text('role_ids_that_can_be_used_this_emoji_as_reaction').array().notNull().default([]),
  /** The MisskeyIO fork's deny list: holders of one of these roles may not react with it. */
  roleIdsThatCanNotBeUsedThisEmojiAsReaction: text('role_ids_that_can_not_be_used_this_emoji_as_reaction').array().notNull().default([]),
  /** The fork's bookkeeping fields, for moderators only. */
  requestedBy: varchar('requested_by', { length: 1024 }),
  memo: text('memo'),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('emojis_local_name_key').on(t.name).where(sql`${t.host} IS NULL`),
  uniqueIndex('emojis_remote_name_host_key').on(t.name, t.host).where(sql`${t.host} IS NOT NULL`),
]);

export type EmojiRow = typeof emojis.$inferSelect;
