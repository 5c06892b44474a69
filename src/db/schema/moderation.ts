import { boolean, index, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
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
