import { index, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { apps } from './apps.js';
import { users } from './users.js';

/**
 * OAuth authorization requests waiting for the user's decision (GET /oauth/authorize → consent page
 * → POST /oauth/decision). Keyed by the SHA-256 of the transaction id; 10 minutes.
 */
export const oauthTransactions = pgTable('oauth_transactions', {
  idHash: varchar('id_hash', { length: 64 }).primaryKey(),
  clientId: varchar('client_id', { length: 512 }).notNull(),
  clientName: varchar('client_name', { length: 128 }).notNull(),
  clientLogo: varchar('client_logo', { length: 512 }),
  redirectUri: varchar('redirect_uri', { length: 2048 }).notNull(),
  scopes: text('scopes').array().notNull(),
  state: varchar('state', { length: 1024 }),
  /** base64url(sha256(code_verifier)) (S256 only). */
  codeChallenge: varchar('code_challenge', { length: 128 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [
  index('oauth_transactions_expires_at_idx').on(t.expiresAt),
]);

/**
 * Authorization codes, stored as their SHA-256. Single use: the first exchange records the token
 * it issued, so a second one can revoke it (RFC 6749 §4.1.2). 5 minutes.
 */
export const oauthCodes = pgTable('oauth_codes', {
  codeHash: varchar('code_hash', { length: 64 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  appId: varchar('app_id', { length: 32 }).notNull().references(() => apps.id, { onDelete: 'cascade' }),
  clientId: varchar('client_id', { length: 512 }).notNull(),
  redirectUri: varchar('redirect_uri', { length: 2048 }).notNull(),
  scopes: text('scopes').array().notNull(),
  codeChallenge: varchar('code_challenge', { length: 128 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  /** The token the code was exchanged for. */
  accessTokenId: varchar('access_token_id', { length: 32 }),
}, (t) => [
  index('oauth_codes_expires_at_idx').on(t.expiresAt),
]);

export type OAuthTransactionRow = typeof oauthTransactions.$inferSelect;
export type OAuthCodeRow = typeof oauthCodes.$inferSelect;
