import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { apps } from './apps.js';
import { users } from './users.js';

/**
 * Every credential that can call the API. Only SHA-256 hashes of tokens are stored, so a database
 * leak leaks no usable credential. `isNative` marks the web client's own token (all permissions,
 * may call `secure` endpoints); other tokens carry exactly `permissions`.
 */
export const accessTokens = pgTable('access_tokens', {
  id: varchar('id', { length: 32 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** hex(sha256(token)) */
  tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
  /** hex(sha256(hex(sha256(token + appSecret)))) for legacy apps that send the signed form. */
  signedTokenHash: varchar('signed_token_hash', { length: 64 }).unique(),
  isNative: boolean('is_native').notNull().default(false),
  permissions: text('permissions').array().notNull().default([]),
  name: varchar('name', { length: 128 }),
  description: varchar('description', { length: 512 }),
  iconUrl: varchar('icon_url', { length: 512 }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  /** The app the token was issued to (legacy app or OAuth client); null for MiAuth and manual tokens. */
  appId: varchar('app_id', { length: 32 }).references(() => apps.id, { onDelete: 'cascade' }),
  /** hex(sha256(MiAuth session id)); kept after the token was fetched, so the session cannot be reused. */
  sessionHash: varchar('session_hash', { length: 64 }).unique(),
  /**
   * A MiAuth token waiting for `POST /api/miauth/:session/check`: AES-256-GCM under a key derived
   * from the session id (core/auth/sealed-token.ts), never the plain token. Cleared once fetched
   * or when `pendingExpiresAt` passes.
   */
  pendingToken: text('pending_token'),
  pendingExpiresAt: timestamp('pending_expires_at', { withTimezone: true }),
}, (t) => [
  index('access_tokens_user_id_idx').on(t.userId),
  index('access_tokens_app_id_idx').on(t.appId),
  index('access_tokens_pending_expires_at_idx').on(t.pendingExpiresAt).where(sql`${t.pendingExpiresAt} IS NOT NULL`),
]);

export type AccessTokenRow = typeof accessTokens.$inferSelect;
