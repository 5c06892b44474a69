import { boolean, index, jsonb, pgTable, varchar, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users.js';

/** Every password sign-in attempt on a known account, for `i/signin-history`. */
export const signins = pgTable('signins', {
  id: varchar('id', { length: 32 }).primaryKey(),
  userId: varchar('user_id', { length: 32 }).notNull().references(() => users.id, { onDelete: 'cascade' }),
  ip: varchar('ip', { length: 128 }).notNull(),
  /** A few request headers (user agent, language, origin), never cookies or credentials. */
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
  success: boolean('success').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('signins_user_id_id_idx').on(t.userId, t.id),
]);

export type SigninRow = typeof signins.$inferSelect;
