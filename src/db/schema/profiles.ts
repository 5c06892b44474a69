import { boolean, integer, jsonb, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

export type Visibility = 'public' | 'followers' | 'private';
export interface ProfileField { name: string; value: string }
/** One link of the fork's mutual-link banners (`mutualLinkSections`): a URL shown as an image from the owner's drive. */
/** `imgSrc` is the file's URL when the link was set (as Misskey copies an avatar's URL onto the account). */
export interface MutualLink { id: string; url: string; fileId: string; description: string | null; imgSrc: string }
export interface MutualLinkSection { id: string; name: string | null; mutualLinks: MutualLink[] }
/** One unlocked achievement (src/core/achievements). */
export interface UnlockedAchievement { name: string; unlockedAt: number }
/** A muted-word entry: words that must all appear (AND), or a `/regexp/flags` string. */
export type MutedWord = string[] | string;
export type NotificationReceiveConfig = Record<string, { type: string; userListId?: string }>;

/** Misskey's defaults for a fresh account's mail notifications. */
export const DEFAULT_EMAIL_NOTIFICATION_TYPES = ['follow', 'receiveFollowRequest'];

/**
 * One row per local account: the profile shown on its page, its settings and its secrets
 * (password hash, email). Only detailed packing and sign-in read it.
 */
export const userProfiles = pgTable('user_profiles', {
  userId: varchar('user_id', { length: 32 }).primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  /** argon2id PHC string; null for accounts that cannot sign in with a password. */
  password: varchar('password', { length: 256 }),
  email: varchar('email', { length: 512 }),
  emailVerified: boolean('email_verified').notNull().default(false),
  description: text('description'),
  location: varchar('location', { length: 128 }),
  /** YYYY-MM-DD */
  birthday: varchar('birthday', { length: 10 }),
  lang: varchar('lang', { length: 32 }),
  fields: jsonb('fields').$type<ProfileField[]>().notNull().default([]),
  verifiedLinks: text('verified_links').array().notNull().default([]),
  /** The MisskeyIO fork's mutual-link sections (set by `i/update`, one link unset by `admin/unset-user-mutual-link`). */
  mutualLinkSections: jsonb('mutual_link_sections').$type<MutualLinkSection[]>().notNull().default([]),
  followedMessage: varchar('followed_message', { length: 256 }),
  pinnedPageId: varchar('pinned_page_id', { length: 32 }),
  publicReactions: boolean('public_reactions').notNull().default(true),
  followingVisibility: varchar('following_visibility', { length: 16 }).$type<Visibility>().notNull().default('public'),
  followersVisibility: varchar('followers_visibility', { length: 16 }).$type<Visibility>().notNull().default('public'),
  autoAcceptFollowed: boolean('auto_accept_followed').notNull().default(true),
  carefulBot: boolean('careful_bot').notNull().default(false),
  injectFeaturedNote: boolean('inject_featured_note').notNull().default(true),
  receiveAnnouncementEmail: boolean('receive_announcement_email').notNull().default(true),
  alwaysMarkNsfw: boolean('always_mark_nsfw').notNull().default(false),
  autoSensitive: boolean('auto_sensitive').notNull().default(false),
  noCrawle: boolean('no_crawle').notNull().default(false),
  preventAiLearning: boolean('prevent_ai_learning').notNull().default(true),
  mutedWords: jsonb('muted_words').$type<MutedWord[]>().notNull().default([]),
  hardMutedWords: jsonb('hard_muted_words').$type<MutedWord[]>().notNull().default([]),
  mutedInstances: jsonb('muted_instances').$type<string[]>().notNull().default([]),
  notificationRecieveConfig: jsonb('notification_recieve_config').$type<NotificationReceiveConfig>().notNull().default({}),
  emailNotificationTypes: text('email_notification_types').array().notNull().default(DEFAULT_EMAIL_NOTIFICATION_TYPES),
  twoFactorEnabled: boolean('two_factor_enabled').notNull().default(false),
  usePasswordLessLogin: boolean('use_password_less_login').notNull().default(false),
  /** The TOTP secret, sealed (src/core/two-factor/secret-box.ts); null while TOTP is off. */
  twoFactorSecret: varchar('two_factor_secret', { length: 256 }),
  /** A TOTP secret offered by `i/2fa/register`, sealed, until `i/2fa/done` confirms it. */
  twoFactorTempSecret: varchar('two_factor_temp_secret', { length: 256 }),
  /** Unused backup codes, as SHA-256 hashes; each works once. */
  twoFactorBackupSecret: text('two_factor_backup_secret').array(),
  /** The TOTP time step of the last accepted code: that step and earlier ones are refused (no replay). */
  twoFactorLastUsedStep: integer('two_factor_last_used_step'),
  moderationNote: text('moderation_note').notNull().default(''),
  /** Days on which the account called `i`; Misskey's `loggedInDays`. */
  loggedInDays: integer('logged_in_days').notNull().default(0),
  /** UTC day (YYYY-MM-DD) of the last counted day. */
  lastLoggedInDay: varchar('last_logged_in_day', { length: 10 }),
  /** Misskey's `achievements`: each name once, with when it was unlocked (ms since the epoch), in unlock order. */
  achievements: jsonb('achievements').$type<UnlockedAchievement[]>().notNull().default([]),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

export type UserProfileRow = typeof userProfiles.$inferSelect;
