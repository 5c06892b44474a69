import { index, pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });

/**
 * One row per account move (`i/move`), for moderators (`admin/show-user-account-move-logs`).
 * `movedToUri` keeps the destination as the mover's `movedToUri` names it (a remote account once
 * federation exists); `movedToId` the local account it resolved to.
 */
export const userAccountMoveLogs = pgTable('user_account_move_logs', {
  id: id('id').primaryKey(),
  movedFromId: id('moved_from_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  movedToId: id('moved_to_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  movedToUri: varchar('moved_to_uri', { length: 512 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('user_account_move_logs_moved_from_id_idx').on(t.movedFromId),
  index('user_account_move_logs_moved_to_id_idx').on(t.movedToId),
]);

export type UserAccountMoveLogRow = typeof userAccountMoveLogs.$inferSelect;
