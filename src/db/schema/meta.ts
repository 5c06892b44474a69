import { boolean, integer, jsonb, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { RESERVED_USERNAMES } from '../../core/users/username.js';

/** The instance's settings: exactly one row, id 'x' (as in Misskey). Admins change it through admin/update-meta. */
export const meta = pgTable('meta', {
  id: varchar('id', { length: 32 }).primaryKey(),
  name: varchar('name', { length: 1024 }),
  shortName: varchar('short_name', { length: 64 }),
  description: text('description'),
  maintainerName: varchar('maintainer_name', { length: 1024 }),
  maintainerEmail: varchar('maintainer_email', { length: 1024 }),
  langs: text('langs').array().notNull().default([]),
  tosUrl: varchar('tos_url', { length: 1024 }),
  repositoryUrl: varchar('repository_url', { length: 1024 }),
  feedbackUrl: varchar('feedback_url', { length: 1024 }),
  impressumUrl: varchar('impressum_url', { length: 1024 }),
  privacyPolicyUrl: varchar('privacy_policy_url', { length: 1024 }),
  inquiryUrl: varchar('inquiry_url', { length: 1024 }),
  iconUrl: varchar('icon_url', { length: 1024 }),
  bannerUrl: varchar('banner_url', { length: 1024 }),
  backgroundImageUrl: varchar('background_image_url', { length: 1024 }),
  logoImageUrl: varchar('logo_image_url', { length: 1024 }),
  themeColor: varchar('theme_color', { length: 512 }),
  /** Themes (JSON5 text) a Misskey client applies until the user picks one. */
  defaultLightTheme: text('default_light_theme'),
  defaultDarkTheme: text('default_dark_theme'),
  /** Pictures a Misskey client shows (null: its own). */
  mascotImageUrl: varchar('mascot_image_url', { length: 1024 }),
  serverErrorImageUrl: varchar('server_error_image_url', { length: 1024 }),
  infoImageUrl: varchar('info_image_url', { length: 1024 }),
  notFoundImageUrl: varchar('not_found_image_url', { length: 1024 }),
  /** The client shows an ad after every this many timeline notes (0: none). */
  notesPerOneAd: integer('notes_per_one_ad').notNull().default(0),
  serverRules: text('server_rules').array().notNull().default([]),
  disableRegistration: boolean('disable_registration').notNull().default(false),
  emailRequiredForSignup: boolean('email_required_for_signup').notNull().default(false),
  enableServerMachineStats: boolean('enable_server_machine_stats').notNull().default(false),
  /** Misskey's `enableIpLogging`: record the addresses accounts call from, for `admin/get-user-ips`. */
  enableIpLogging: boolean('enable_ip_logging').notNull().default(false),
  /** Base role policies, partial: missing keys take Misskey's defaults (core/meta/policies.ts). */
  policies: jsonb('policies').notNull().default({}),
  maxNoteTextLength: integer('max_note_text_length').notNull().default(3000),
  /** `pinned-users`: acct strings (`@alice`, `@bob@host`), as Misskey stores them. */
  pinnedUsers: text('pinned_users').array().notNull().default([]),
  /** Keyword lists (core/meta/keywords.ts): a public note matching a sensitive word is posted as home; a prohibited one is refused. */
  sensitiveWords: text('sensitive_words').array().notNull().default([]),
  prohibitedWords: text('prohibited_words').array().notNull().default([]),
  /** Misskey's `preservedUsernames`: names nobody may sign up with (compared case-insensitively). */
  preservedUsernames: text('preserved_usernames').array().notNull().default([...RESERVED_USERNAMES]),
  /** Mail (core/email): sent through this SMTP server when `enableEmail` is on and `email`/`smtpHost` are set. */
  enableEmail: boolean('enable_email').notNull().default(false),
  /** The From address. */
  email: varchar('email', { length: 1024 }),
  smtpSecure: boolean('smtp_secure').notNull().default(false),
  smtpHost: varchar('smtp_host', { length: 1024 }),
  smtpPort: integer('smtp_port'),
  smtpUser: varchar('smtp_user', { length: 1024 }),
  /** Stored as Misskey stores it (docs/decisions.md, "SMTP password"); no endpoint answers it. */
  smtpPass: varchar('smtp_pass', { length: 1024 }),
  /** Web Push (core/push): the VAPID key pair, generated once at first start (meta.swPublickey is the public half). */
  swPublicKey: varchar('sw_public_key', { length: 1024 }),
  swPrivateKey: varchar('sw_private_key', { length: 1024 }),
  /** notes/translate (core/translation): DeepL when `deeplAuthKey` is set, else LibreTranslate when `libreTranslateURL` is. */
  deeplAuthKey: varchar('deepl_auth_key', { length: 1024 }),
  deeplIsPro: boolean('deepl_is_pro').notNull().default(false),
  libreTranslateURL: varchar('libre_translate_url', { length: 1024 }),
  libreTranslateKey: varchar('libre_translate_key', { length: 1024 }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type MetaRow = typeof meta.$inferSelect;
