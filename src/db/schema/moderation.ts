import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** `users/report-abuse`: kept for moderators (`admin/abuse-user-reports`). */
export const abuseUserReports = pgTable('abuse_user_reports', {
  id: id('id').primaryKey(),
  targetUserId: id('target_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  targetUserHost: varchar('target_user_host', { length: 512 }),
  reporterId: id('reporter_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  reporterHost: varchar('reporter_host', { length: 512 }),
  assigneeId: id('assignee_id').references(() => users.id, { onDelete: 'set null' }),
  resolved: boolean('resolved').notNull().default(false),
  forwarded: boolean('forwarded').notNull().default(false),
  comment: text('comment').notNull(),
  moderationNote: text('moderation_note').notNull().default(''),
  resolvedAs: varchar('resolved_as', { length: 32 }),
  createdAt: createdAt(),
}, (t) => [
  index('abuse_user_reports_resolved_idx').on(t.resolved, t.id),
  index('abuse_user_reports_target_user_id_idx').on(t.targetUserId),
]);

/** `users/update-memo`: a private note one user keeps about another. */
export const userMemos = pgTable('user_memos', {
  id: id('id').primaryKey(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  targetUserId: id('target_user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  memo: varchar('memo', { length: 2048 }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('user_memos_user_target_key').on(t.userId, t.targetUserId),
]);

/**
 * `admin/show-moderation-logs`: one row per moderation action (Misskey's `moderation_log`). `info`
 * is the action's payload in misskey-js's `ModerationLogPayloads` shape for `type`.
 */
export const moderationLogs = pgTable('moderation_logs', {
  id: id('id').primaryKey(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  type: varchar('type', { length: 128 }).notNull(),
  info: jsonb('info').$type<Record<string, unknown>>().notNull(),
  createdAt: createdAt(),
}, (t) => [
  index('moderation_logs_user_id_idx').on(t.userId, t.id),
  index('moderation_logs_type_idx').on(t.type, t.id),
]);

/** The events a system webhook can subscribe to (misskey-js `SystemWebhook['on']`). */
export const SYSTEM_WEBHOOK_EVENTS = ['abuseReport', 'abuseReportResolved', 'userCreated', 'inactiveModeratorsWarning', 'inactiveModeratorsInvitationOnlyChanged'] as const;
export type SystemWebhookEvent = typeof SYSTEM_WEBHOOK_EVENTS[number];

/** `admin/system-webhook/*`: instance-wide webhooks the moderators configure. */
export const systemWebhooks = pgTable('system_webhooks', {
  id: id('id').primaryKey(),
  isActive: boolean('is_active').notNull().default(true),
  name: varchar('name', { length: 255 }).notNull(),
  on: varchar('on', { length: 128 }).array().$type<SystemWebhookEvent[]>().notNull().default([]),
  url: varchar('url', { length: 1024 }).notNull(),
  secret: varchar('secret', { length: 1024 }).notNull(),
  latestSentAt: timestamp('latest_sent_at', { withTimezone: true }),
  latestStatus: integer('latest_status'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('system_webhooks_is_active_idx').on(t.isActive),
]);

export type SystemWebhookRow = typeof systemWebhooks.$inferSelect;

/** `admin/abuse-report/notification-recipient/*`: who hears of new and resolved reports. */
export const abuseReportNotificationRecipients = pgTable('abuse_report_notification_recipients', {
  id: id('id').primaryKey(),
  isActive: boolean('is_active').notNull().default(true),
  name: varchar('name', { length: 255 }).notNull(),
  method: varchar('method', { length: 64 }).$type<'email' | 'webhook'>().notNull(),
  userId: id('user_id').references(() => users.id, { onDelete: 'cascade' }),
  systemWebhookId: id('system_webhook_id').references(() => systemWebhooks.id, { onDelete: 'cascade' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AbuseReportNotificationRecipientRow = typeof abuseReportNotificationRecipients.$inferSelect;

/** `admin/get-user-ips`: addresses an account called the API from (Misskey's `user_ip`, kept while `enableIpLogging` is on). */
export const userIps = pgTable('user_ips', {
  id: id('id').primaryKey(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  ip: varchar('ip', { length: 128 }).notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('user_ips_user_id_ip_key').on(t.userId, t.ip),
]);
