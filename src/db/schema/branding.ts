import { boolean, index, integer, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';

/** Ads (`admin/ad/*`), served in `meta.ads` while `startsAt <= now < expiresAt`. */
export const ads = pgTable('ads', {
  id: varchar('id', { length: 32 }).primaryKey(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  place: varchar('place', { length: 32 }).notNull(),
  /** Misskey's 'high' | 'middle' | 'low' (stored as given). */
  priority: varchar('priority', { length: 32 }).notNull(),
  ratio: integer('ratio').notNull().default(1),
  url: varchar('url', { length: 1024 }).notNull(),
  imageUrl: varchar('image_url', { length: 1024 }).notNull(),
  memo: varchar('memo', { length: 8192 }).notNull().default(''),
  /** Bit set of weekdays (bit 0 Sunday) on which the ad is shown; 0 = every day. */
  dayOfWeek: integer('day_of_week').notNull().default(0),
  isSensitive: boolean('is_sensitive').notNull().default(false),
}, (t) => [index('ads_window_idx').on(t.expiresAt, t.startsAt)]);

export type AdRow = typeof ads.$inferSelect;

/** Avatar decorations (`admin/avatar-decorations/*`); users wear them through `i/update`. */
export const avatarDecorations = pgTable('avatar_decorations', {
  id: varchar('id', { length: 32 }).primaryKey(),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  url: varchar('url', { length: 1024 }).notNull(),
  name: varchar('name', { length: 256 }).notNull(),
  description: varchar('description', { length: 2048 }).notNull(),
  /** Empty: everyone may wear it; otherwise only holders of one of these roles. */
  roleIdsThatCanBeUsedThisDecoration: text('role_ids_that_can_be_used_this_decoration').array().notNull().default([]),
  category: varchar('category', { length: 128 }),
});

export type AvatarDecorationRow = typeof avatarDecorations.$inferSelect;
