import { pgTable, timestamp, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/**
 * One row per finished export (i/export-*), written in the same transaction as its drive file and
 * its `exportCompleted` notification. The id is chosen when the export is requested, so a job that
 * runs again after a crash finds its row and stores nothing twice.
 */
export const userExports = pgTable('user_exports', {
  id: varchar('id', { length: 32 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  entity: varchar('entity', { length: 32 }).notNull(),
  /** The drive file written (no foreign key: the user may delete the file; the export stays done). */
  fileId: varchar('file_id', { length: 32 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type UserExportRow = typeof userExports.$inferSelect;
