import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, varchar } from 'drizzle-orm/pg-core';
import { users } from './users.js';

const id = (name: string) => varchar(name, { length: 32 });

/** A role policy as a role sets it (Misskey's `role.policies[name]`). */
export interface RolePolicyValue {
  useDefault?: boolean;
  priority?: number;
  value?: unknown;
}

/** Misskey's roles: a set of policies and flags held by assigned users (`manual`) or by everyone matching `condFormula` (`conditional`). */
export const roles = pgTable('roles', {
  id: id('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Last created, changed or assigned: `admin/roles/list` shows the most recently used first (Misskey). */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  name: varchar('name', { length: 256 }).notNull(),
  description: text('description').notNull().default(''),
  color: varchar('color', { length: 256 }),
  iconUrl: varchar('icon_url', { length: 1024 }),
  target: varchar('target', { length: 16 }).$type<'manual' | 'conditional'>().notNull().default('manual'),
  /** Misskey's RoleCondFormulaValue tree, stored as sent (evaluated in core/roles/conditions.ts). */
  condFormula: jsonb('cond_formula').notNull().default({}),
  isPublic: boolean('is_public').notNull().default(false),
  isModerator: boolean('is_moderator').notNull().default(false),
  isAdministrator: boolean('is_administrator').notNull().default(false),
  isExplorable: boolean('is_explorable').notNull().default(false),
  asBadge: boolean('as_badge').notNull().default(false),
  preserveAssignmentOnMoveAccount: boolean('preserve_assignment_on_move_account').notNull().default(false),
  canEditMembersByModerator: boolean('can_edit_members_by_moderator').notNull().default(false),
  displayOrder: integer('display_order').notNull().default(0),
  policies: jsonb('policies').$type<Record<string, RolePolicyValue>>().notNull().default({}),
});

/** Manual role memberships; an expired one stops counting at once (readers compare `expiresAt`), no job removes it. */
export const roleAssignments = pgTable('role_assignments', {
  id: id('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  roleId: id('role_id').notNull().references(() => roles.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  memo: text('memo'),
}, (t) => [
  uniqueIndex('role_assignments_user_role_key').on(t.userId, t.roleId),
  index('role_assignments_role_id_idx').on(t.roleId, t.id),
]);

export type RoleRow = typeof roles.$inferSelect;
export type RoleAssignmentRow = typeof roleAssignments.$inferSelect;

/**
 * The MisskeyIO fork's per-user inline policies (`admin/roles/update-inline-policies`): applied on
 * top of the policies a user's roles give, in order. `set` replaces the value, `increment` adds to
 * a numeric one. Few rows (accounts a moderator singled out): loaded whole with the roles.
 */
export const userInlinePolicies = pgTable('user_inline_policies', {
  id: id('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  userId: id('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  policy: varchar('policy', { length: 64 }).notNull(),
  operation: varchar('operation', { length: 16 }).$type<'set' | 'increment'>().notNull().default('set'),
  value: jsonb('value').$type<boolean | number | string | null>(),
  memo: text('memo'),
}, (t) => [
  index('user_inline_policies_user_id_idx').on(t.userId, t.id),
]);

export type UserInlinePolicyRow = typeof userInlinePolicies.$inferSelect;
