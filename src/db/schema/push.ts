import { boolean, index, pgTable, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * A browser's Web Push subscription (sw/register): notifications of `userId` are encrypted to
 * `publickey`/`auth` (RFC 8291) and POSTed to `endpoint`. `sendReadMessage`: also tell it when
 * notifications were read (so the service worker can close the ones it shows).
 */
export const swSubscriptions = pgTable('sw_subscriptions', {
  id: varchar('id', { length: 32 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  endpoint: varchar('endpoint', { length: 512 }).notNull(),
  auth: varchar('auth', { length: 256 }).notNull(),
  publickey: varchar('publickey', { length: 128 }).notNull(),
  sendReadMessage: boolean('send_read_message').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('sw_subscriptions_user_id_idx').on(t.userId),
  uniqueIndex('sw_subscriptions_user_endpoint_idx').on(t.userId, t.endpoint),
]);

export type SwSubscriptionRow = typeof swSubscriptions.$inferSelect;
