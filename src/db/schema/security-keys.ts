import { bigint, index, pgTable, text, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** WebAuthn credentials (security keys and passkeys) registered with `i/2fa/key-done`. */
export const userSecurityKeys = pgTable('user_security_keys', {
  /** The credential id, base64url (as the authenticator and Misskey's `credentialId` name it). */
  id: varchar('id', { length: 512 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** The COSE public key, base64url. */
  publicKey: text('public_key').notNull(),
  /** The authenticator's signature counter, to notice cloned authenticators. */
  counter: bigint('counter', { mode: 'number' }).notNull().default(0),
  name: varchar('name', { length: 30 }).notNull(),
  transports: text('transports').array(),
  lastUsed: timestamp('last_used', { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('user_security_keys_user_id_idx').on(t.userId),
]);

export type UserSecurityKeyRow = typeof userSecurityKeys.$inferSelect;
