import { boolean, index, pgTable, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });
const userRef = (name: string) => id(name).notNull().references(() => users.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const userLists = pgTable('user_lists', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  name: varchar('name', { length: 128 }).notNull(),
  isPublic: boolean('is_public').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  index('user_lists_user_id_idx').on(t.userId, t.id),
]);

export const userListMemberships = pgTable('user_list_memberships', {
  id: id('id').primaryKey(),
  userListId: id('user_list_id').notNull().references(() => userLists.id, { onDelete: 'cascade' }),
  /** Copied from the list so "which lists contain X, owned by whom" needs no join. */
  userListUserId: userRef('user_list_user_id'),
  userId: userRef('user_id'),
  withReplies: boolean('with_replies').notNull().default(false),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('user_list_memberships_list_user_key').on(t.userListId, t.userId),
  index('user_list_memberships_user_id_idx').on(t.userId),
]);

export const userListFavorites = pgTable('user_list_favorites', {
  id: id('id').primaryKey(),
  userId: userRef('user_id'),
  userListId: id('user_list_id').notNull().references(() => userLists.id, { onDelete: 'cascade' }),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('user_list_favorites_user_list_key').on(t.userId, t.userListId),
  index('user_list_favorites_list_id_idx').on(t.userListId),
]);

export type UserListRow = typeof userLists.$inferSelect;
export type UserListMembershipRow = typeof userListMemberships.$inferSelect;
