import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** Misskey's user webhook event types (`webhookEventTypes` in misskey-js). */
export const USER_WEBHOOK_EVENTS = ['mention', 'unfollow', 'follow', 'followed', 'note', 'reply', 'renote', 'reaction'] as const;
export type UserWebhookEvent = typeof USER_WEBHOOK_EVENTS[number];

/**
 * A user's webhooks (i/webhooks/*): events of the user's account are POSTed to `url` with `secret`
 * in `X-Misskey-Hook-Secret`. `latestSentAt`/`latestStatus` record the last delivery attempt's answer.
 */
export const userWebhooks = pgTable('user_webhooks', {
  id: varchar('id', { length: 32 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  name: varchar('name', { length: 128 }).notNull(),
  on: varchar('on', { length: 128 }).array().$type<UserWebhookEvent[]>().notNull().default(sql`'{}'::varchar[]`),
  url: varchar('url', { length: 1024 }).notNull(),
  secret: varchar('secret', { length: 1024 }).notNull().default(''),
  active: boolean('active').notNull().default(true),
  latestSentAt: timestamp('latest_sent_at', { withTimezone: true }),
  latestStatus: integer('latest_status'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('user_webhooks_user_id_idx').on(t.userId, t.id),
]);

export type UserWebhookRow = typeof userWebhooks.$inferSelect;
