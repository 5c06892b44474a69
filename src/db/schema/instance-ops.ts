import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Announcements (Misskey's `announcement`): global (`userId` null) or for one user. `isActive`
 * false archives one. `displayOrder`, `closeDuration` and `needEnrollmentTutorialToRead` are the
 * fork's fields, stored and listed for `admin/announcements/list`.
 */
export const announcements = pgTable('announcements', {
  id: id('id').primaryKey(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
  title: varchar('title', { length: 256 }).notNull(),
  text: text('text').notNull(),
  imageUrl: varchar('image_url', { length: 1024 }),
  icon: varchar('icon', { length: 16 }).$type<'info' | 'warning' | 'error' | 'success'>().notNull().default('info'),
  display: varchar('display', { length: 16 }).$type<'normal' | 'banner' | 'dialog'>().notNull().default('normal'),
  needConfirmationToRead: boolean('need_confirmation_to_read').notNull().default(false),
  needEnrollmentTutorialToRead: boolean('need_enrollment_tutorial_to_read').notNull().default(false),
  closeDuration: integer('close_duration').notNull().default(0),
  displayOrder: integer('display_order').notNull().default(0),
  isActive: boolean('is_active').notNull().default(true),
  forExistingUsers: boolean('for_existing_users').notNull().default(false),
  silence: boolean('silence').notNull().default(false),
  userId: id('user_id').references(() => users.id, { onDelete: 'cascade' }),
}, (t) => [
  index('announcements_user_id_idx').on(t.userId, t.id),
  index('announcements_is_active_idx').on(t.isActive, t.id),
]);

/** Who has read which announcement (`i/read-announcement`). */
export const announcementReads = pgTable('announcement_reads', {
  id: id('id').primaryKey(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  announcementId: id('announcement_id').notNull().references(() => announcements.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('announcement_reads_user_announcement_key').on(t.userId, t.announcementId),
  index('announcement_reads_announcement_id_idx').on(t.announcementId),
]);

/**
 * Invitation codes (Misskey's `registration_ticket`): made by moderators (`admin/invite/create`,
 * no creator) or by users holding `canInvite` (`invite/create`). Sign-up with one sets `usedBy`.
 */
export const inviteCodes = pgTable('invite_codes', {
  id: id('id').primaryKey(),
  code: varchar('code', { length: 64 }).notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  createdById: id('created_by_id').references(() => users.id, { onDelete: 'cascade' }),
  usedById: id('used_by_id').references(() => users.id, { onDelete: 'set null' }),
  usedAt: timestamp('used_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('invite_codes_code_key').on(t.code),
  index('invite_codes_created_by_id_idx').on(t.createdById, t.id),
]);

export type AnnouncementRow = typeof announcements.$inferSelect;
export type InviteCodeRow = typeof inviteCodes.$inferSelect;
