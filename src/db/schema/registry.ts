import { jsonb, pgTable, text, timestamp, unique, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * `i/registry/*`: per-user key-value settings of clients (Misskey's registry_item). An item lives
 * in a scope (a path of names) and a domain: null for the web client (native tokens), else the
 * app's access token id, so each app sees only its own items.
 */
export const registryItems = pgTable('registry_items', {
  id: varchar('id', { length: 32 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  domain: varchar('domain', { length: 512 }),
  scope: text('scope').array().notNull(),
  key: varchar('key', { length: 1024 }).notNull(),
  value: jsonb('value'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  // One item per key; a null domain counts as one domain (the web client's). Its leading columns
  // serve every lookup (by user, domain and scope).
  unique('registry_items_user_domain_scope_key').on(t.userId, t.domain, t.scope, t.key).nullsNotDistinct(),
]);

export type RegistryItemRow = typeof registryItems.$inferSelect;
