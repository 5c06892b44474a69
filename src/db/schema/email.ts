import { index, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Links sent by mail carry a random secret; the database keeps only its SHA-256 (hex), so a copy of
 * the database opens no account. Each row is used once (deleted when used) and expires.
 */

/** `i/update-email`: the link GET /verify-email/:code marks `email` verified if it is still the account's address. */
export const emailVerifications = pgTable('email_verifications', {
  codeHash: varchar('code_hash', { length: 64 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  email: varchar('email', { length: 512 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (table) => [index('email_verifications_user_id_idx').on(table.userId)]);

/** Misskey's `password_reset_request`: `request-reset-password` writes it, `reset-password` consumes it. */
export const passwordResetRequests = pgTable('password_reset_requests', {
  tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (table) => [index('password_reset_requests_user_id_idx').on(table.userId)]);

/**
 * Misskey's `user_pending`: a sign-up waiting for its address to be confirmed
 * (`emailRequiredForSignup`); `signup-pending` with the mailed code creates the account.
 */
export const pendingUsers = pgTable('pending_users', {
  id: varchar('id', { length: 32 }).primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  codeHash: varchar('code_hash', { length: 64 }).notNull().unique(),
  username: varchar('username', { length: 128 }).notNull(),
  email: varchar('email', { length: 512 }).notNull(),
  /** argon2id PHC string of the chosen password. */
  password: varchar('password', { length: 256 }).notNull(),
});

export type PendingUserRow = typeof pendingUsers.$inferSelect;
