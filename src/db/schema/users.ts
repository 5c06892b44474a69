import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';

export type ChatScope = 'everyone' | 'following' | 'followers' | 'mutual' | 'none';

export interface AvatarDecorationRef {
  id: string;
  angle?: number;
  flipH?: boolean;
  offsetX?: number;
  offsetY?: number;
  /** The decoration's URL, copied when worn and rewritten when it changes (core/branding/avatar-decorations.ts). */
  url?: string;
}

/**
 * Accounts: what every packed user (UserLite) needs, so lists of users pack from this row alone.
 * Profile details and secrets live in `user_profiles`. Remote users (host not null) arrive with
 * federation, if ever; the column is there so names stay unique per host.
 */
export const users = pgTable('users', {
  id: varchar('id', { length: 32 }).primaryKey(),
  username: varchar('username', { length: 128 }).notNull(),
  usernameLower: varchar('username_lower', { length: 128 }).notNull(),
  host: varchar('host', { length: 512 }),
  name: varchar('name', { length: 128 }),
  /** The instance's first account: an administrator nobody can demote. */
  isRoot: boolean('is_root').notNull().default(false),
  isAdmin: boolean('is_admin').notNull().default(false),
  isModerator: boolean('is_moderator').notNull().default(false),
  isSuspended: boolean('is_suspended').notNull().default(false),
  isDeleted: boolean('is_deleted').notNull().default(false),
  isLocked: boolean('is_locked').notNull().default(false),
  isBot: boolean('is_bot').notNull().default(false),
  isCat: boolean('is_cat').notNull().default(false),
  isExplorable: boolean('is_explorable').notNull().default(true),
  hideOnlineStatus: boolean('hide_online_status').notNull().default(false),
  requireSigninToViewContents: boolean('require_signin_to_view_contents').notNull().default(false),
  /** Seconds: notes older than this become followers-only / hidden (Misskey's semantics). */
  makeNotesFollowersOnlyBefore: integer('make_notes_followers_only_before'),
  makeNotesHiddenBefore: integer('make_notes_hidden_before'),
  chatScope: varchar('chat_scope', { length: 32 }).$type<ChatScope>().notNull().default('mutual'),
  /** Drive files (no foreign key: deleting the file clears them in core/drive, which also clears the copied URLs below). */
  avatarId: varchar('avatar_id', { length: 32 }),
  bannerId: varchar('banner_id', { length: 32 }),
  /** Copied from the drive file when set (as Misskey does), so UserLite packs from this row alone. */
  avatarUrl: varchar('avatar_url', { length: 1024 }),
  avatarBlurhash: varchar('avatar_blurhash', { length: 128 }),
  bannerUrl: varchar('banner_url', { length: 1024 }),
  bannerBlurhash: varchar('banner_blurhash', { length: 128 }),
  avatarDecorations: jsonb('avatar_decorations').$type<AvatarDecorationRef[]>().notNull().default([]),
  alsoKnownAs: text('also_known_as').array(),
  /**
   * The account this one moved to (Misskey's `movedToUri`), and when. A moved account may still
   * sign in and read, but endpoints whose meta has `prohibitMoved` refuse it (YOUR_ACCOUNT_MOVED).
   */
  movedToUri: varchar('moved_to_uri', { length: 512 }),
  movedAt: timestamp('moved_at', { withTimezone: true }),
  notesCount: integer('notes_count').notNull().default(0),
  followersCount: integer('followers_count').notNull().default(0),
  followingCount: integer('following_count').notNull().default(0),
  lastActiveDate: timestamp('last_active_date', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  /** Hashtags in the profile description, lower-cased without '#' (Misskey's `user.tags`), for `hashtags/users`. */
  tags: varchar('tags', { length: 128 }).array().notNull().default(sql`'{}'::varchar[]`),
}, (t) => [
  index('users_tags_idx').using('gin', t.tags),
  uniqueIndex('users_local_username_lower_key').on(t.usernameLower).where(sql`${t.host} IS NULL`),
  uniqueIndex('users_remote_username_lower_host_key').on(t.usernameLower, t.host).where(sql`${t.host} IS NOT NULL`),
  index('users_host_idx').on(t.host),
  // The few accounts whose notes nobody sees (suspended or deleted): note visibility filters on them.
  index('users_hidden_idx').on(t.id).where(sql`${t.isSuspended} OR ${t.isDeleted}`),
  // The few accounts whose privacy settings restrict their notes: timelines exclude them in a sub-select.
  index('users_restricted_idx').on(t.id).where(sql`${t.requireSigninToViewContents} OR ${t.makeNotesFollowersOnlyBefore} IS NOT NULL OR ${t.makeNotesHiddenBefore} IS NOT NULL`),
  // `get-online-users-count`: the accounts active in the last 10 minutes, an index range.
  index('users_last_active_date_idx').on(t.lastActiveDate),
]);

export type UserRow = typeof users.$inferSelect;

/**
 * Every local username ever taken, lower-cased. Kept when the account is deleted, so a name can
 * never be reused by someone else (Misskey's `used_username`).
 */
export const usedUsernames = pgTable('used_usernames', {
  usernameLower: varchar('username_lower', { length: 128 }).primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
