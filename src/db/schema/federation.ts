import { index, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * Federation (ActivityPub through Fedify, docs/federation.md). Kept beside `users` rather than in it,
 * so the hot user row every timeline packs does not grow with federation-only columns.
 */

/** A local user's key pairs (JWK), generated once on first need. */
export const userKeypairs = pgTable('user_keypairs', {
  userId: varchar('user_id', { length: 32 }).primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  rsaPublic: jsonb('rsa_public').$type<JsonWebKey>().notNull(),
  rsaPrivate: jsonb('rsa_private').$type<JsonWebKey>().notNull(),
  ed25519Public: jsonb('ed25519_public').$type<JsonWebKey>().notNull(),
  ed25519Private: jsonb('ed25519_private').$type<JsonWebKey>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** What Mikan knows of a remote actor (the `users` row with host not null holds the rest). */
export const remoteActors = pgTable('remote_actors', {
  userId: varchar('user_id', { length: 32 }).primaryKey().references(() => users.id, { onDelete: 'cascade' }),
  uri: varchar('uri', { length: 512 }).notNull(),
  url: varchar('url', { length: 512 }),
  inbox: varchar('inbox', { length: 512 }).notNull(),
  sharedInbox: varchar('shared_inbox', { length: 512 }),
  followersUri: varchar('followers_uri', { length: 512 }),
  /** The key the actor signs with (`publicKey.id`), and its PEM. */
  keyId: varchar('key_id', { length: 512 }),
  publicKeyPem: text('public_key_pem'),
  lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('remote_actors_uri_key').on(t.uri),
  index('remote_actors_key_id_idx').on(t.keyId),
]);

/** Fedify's key-value store (key caches, idempotence), with an optional expiry. */
export const federationKv = pgTable('federation_kv', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
});
