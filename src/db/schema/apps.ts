import { index, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Third-party apps: legacy apps made with `app/create` (they hold a secret, stored as its SHA-256
 * only) and OAuth clients seen at `/oauth/authorize` (`clientId` is their IndieAuth client URL; no
 * secret). Tokens issued to an app point at it through `access_tokens.app_id`.
 */
export const apps = pgTable('apps', {
  id: varchar('id', { length: 32 }).primaryKey(),
  /** Who made it with `app/create`; null when made anonymously or for an OAuth client. */
  userId: varchar('user_id', { length: 32 }).references(() => users.id, { onDelete: 'set null' }),
  name: varchar('name', { length: 128 }).notNull(),
  description: varchar('description', { length: 512 }),
  permission: text('permission').array().notNull().default([]),
  callbackUrl: varchar('callback_url', { length: 512 }),
  /** hex(sha256(secret)) for legacy apps; the secret itself is shown once, by `app/create`. */
  secretHash: varchar('secret_hash', { length: 64 }).unique(),
  /** The OAuth client's IndieAuth client_id URL. */
  clientId: varchar('client_id', { length: 512 }).unique(),
  /** The OAuth client's `u-logo`. */
  iconUrl: varchar('icon_url', { length: 512 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('apps_user_id_idx').on(t.userId),
]);

export type AppRow = typeof apps.$inferSelect;

/**
 * Legacy app sign-in sessions (`auth/session/generate` → `auth/accept` → `auth/session/userkey`).
 * The session token is stored as its SHA-256 only. No access token exists before `userkey`: it is
 * made there, when the app presents its secret and the session token, so nothing pending needs
 * keeping. Sessions live 15 minutes.
 */
export const authSessions = pgTable('auth_sessions', {
  id: varchar('id', { length: 32 }).primaryKey(),
  /** hex(sha256(session token)) */
  tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
  appId: varchar('app_id', { length: 32 }).notNull().references(() => apps.id, { onDelete: 'cascade' }),
  /** The user who accepted; null while pending. */
  userId: varchar('user_id', { length: 32 }).references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('auth_sessions_expires_at_idx').on(t.expiresAt),
  index('auth_sessions_app_id_idx').on(t.appId),
]);

export type AuthSessionRow = typeof authSessions.$inferSelect;
