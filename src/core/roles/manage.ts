import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { loggedUser, recordModerationAction } from '../moderation/log.js';
import { packRole } from './pack.js';

type LoggedUser = { id: string; username: string; host: string | null };
import { notes, roleAssignments, roles, users, type RoleAssignmentRow, type RoleRow, type RolePolicyValue, type NoteRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import { paginate, type Page } from '../pagination.js';
import { rolesHeld } from './service.js';
import { visibleNotesWhere } from '../notes/visibility.js';

/** The fields `admin/roles/create` takes (and `update`, each optional). */
export interface RoleInput {
  name: string;
  description: string;
  color: string | null;
  iconUrl: string | null;
  target: 'manual' | 'conditional';
  condFormula: Record<string, unknown>;
  isPublic: boolean;
  isModerator: boolean;
  isAdministrator: boolean;
  isExplorable?: boolean;
  asBadge: boolean;
  preserveAssignmentOnMoveAccount?: boolean;
  canEditMembersByModerator: boolean;
  displayOrder: number;
  policies: Record<string, RolePolicyValue>;
}

export async function findRole(ctx: AppContext, roleId: string): Promise<RoleRow | null> {
  const snapshot = await ctx.roles.current();
  return snapshot.byId.get(roleId) ?? null;
}

/** Every role, most recently used first (Misskey's `admin/roles/list`). */
export async function listAllRoles(ctx: AppContext): Promise<RoleRow[]> {
  return [...(await ctx.roles.current()).roles].sort((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime() || (a.id < b.id ? 1 : -1));
}

/** Public roles, highest displayOrder first (`roles/list`). */
export async function listPublicRoles(ctx: AppContext): Promise<RoleRow[]> {
  return (await ctx.roles.current()).roles.filter((role) => role.isPublic).sort((a, b) => b.displayOrder - a.displayOrder);
}

/** Misskey stores `displayOrder` as an integer column; a fraction from the API is rounded. */
function columnsOf(input: Partial<RoleInput>): Partial<typeof roles.$inferInsert> {
  const { displayOrder, ...rest } = input;
  return { ...rest, ...(displayOrder !== undefined ? { displayOrder: Math.round(displayOrder) } : {}) };
}

/** Every change below is logged for moderators (Misskey's payloads), in the transaction that makes it. */
export async function createRole(ctx: AppContext, input: RoleInput, moderatorId: string): Promise<RoleRow> {
  const now = new Date();
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx.insert(roles).values({ id: genId(now.getTime()), createdAt: now, updatedAt: now, lastUsedAt: now, ...columnsOf(input), name: input.name }).returning();
    await recordModerationAction(tx, { moderatorId, type: 'createRole', info: { roleId: created!.id, role: packRole(created!, ctx.roles.latest) } });
    return created!;
  });
  await ctx.roles.changed();
  return row;
}

export async function updateRole(ctx: AppContext, roleId: string, input: Partial<RoleInput>, moderatorId: string): Promise<RoleRow | null> {
  const now = new Date();
  const row = await ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(roles).where(eq(roles.id, roleId)).for('update');
    if (!before) return null;
    const [after] = await tx.update(roles).set({ ...columnsOf(input), updatedAt: now, lastUsedAt: now }).where(eq(roles.id, roleId)).returning();
    await recordModerationAction(tx, { moderatorId, type: 'updateRole', info: { roleId, before: packRole(before, ctx.roles.latest), after: packRole(after!, ctx.roles.latest) } });
    return after!;
  });
  if (!row) return null;
  await ctx.roles.changed();
  return row;
}

/** Deletes the role and its assignments (cascade). */
export async function deleteRole(ctx: AppContext, roleId: string, moderatorId: string): Promise<boolean> {
  const deleted = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(roles).where(eq(roles.id, roleId)).returning();
    if (row) await recordModerationAction(tx, { moderatorId, type: 'deleteRole', info: { roleId, role: packRole(row, ctx.roles.latest) } });
    return row;
  });
  if (!deleted) return false;
  await ctx.roles.changed();
  return true;
}

/**
 * Assigns a role by hand (Misskey's RoleService.assign): an existing assignment that has expired
 * is replaced, a live one refused. Expiry in the past is the endpoint's concern (it does nothing).
 */
export async function assignRole(ctx: AppContext, role: RoleRow, user: LoggedUser, expiresAt: Date | null, memo: string | null, moderatorId: string): Promise<'alreadyAssigned' | null> {
  const roleId = role.id;
  const userId = user.id;
  const result = await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`role:${roleId}:${userId}`}, 0))`);
    const [existing] = await tx.select().from(roleAssignments).where(and(eq(roleAssignments.roleId, roleId), eq(roleAssignments.userId, userId)));
    if (existing) {
      if (existing.expiresAt == null || existing.expiresAt.getTime() > Date.now()) return 'alreadyAssigned' as const;
      await tx.delete(roleAssignments).where(eq(roleAssignments.id, existing.id));
    }
    await tx.insert(roleAssignments).values({ id: genId(), roleId, userId, expiresAt, memo });
    await tx.update(roles).set({ lastUsedAt: new Date() }).where(eq(roles.id, roleId));
    await recordModerationAction(tx, { moderatorId, type: 'assignRole', info: { ...loggedUser(user), roleId, roleName: role.name, expiresAt: expiresAt?.toISOString() ?? null } });
    return null;
  });
  if (result === null) await ctx.roles.changed();
  return result;
}

/** Removes a manual assignment (Misskey removes an expired one too). */
export async function unassignRole(ctx: AppContext, role: RoleRow, user: LoggedUser, moderatorId: string): Promise<'notAssigned' | null> {
  const roleId = role.id;
  const removed = await ctx.db.transaction(async (tx) => {
    const deleted = await tx.delete(roleAssignments)
      .where(and(eq(roleAssignments.roleId, roleId), eq(roleAssignments.userId, user.id)))
      .returning({ id: roleAssignments.id });
    if (deleted.length === 0) return false;
    await tx.update(roles).set({ lastUsedAt: new Date() }).where(eq(roles.id, roleId));
    await recordModerationAction(tx, { moderatorId, type: 'unassignRole', info: { ...loggedUser(user), roleId, roleName: role.name } });
    return true;
  });
  if (!removed) return 'notAssigned';
  await ctx.roles.changed();
  return null;
}

/** Unexpired manual assignments of a role with their (living) users, newest first, paged by assignment id. */
export async function listRoleAssignments(ctx: AppContext, roleId: string, page: Page & { limit: number }): Promise<{ assignment: RoleAssignmentRow; userId: string }[]> {
  const { where, orderBy } = paginate(roleAssignments.id, page);
  const rows = await ctx.db.select({ assignment: roleAssignments }).from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(
      eq(roleAssignments.roleId, roleId),
      or(isNull(roleAssignments.expiresAt), gt(roleAssignments.expiresAt, sql`now()`)),
      eq(users.isDeleted, false),
      where,
    ))
    .orderBy(orderBy)
    .limit(page.limit);
  return rows.map((row) => ({ assignment: row.assignment, userId: row.assignment.userId }));
}

/**
 * `roles/notes`: public notes of the role's members, newest first. Misskey fills a per-role
 * timeline when a member posts; Mikan asks for the notes of the current manual members (and, for a
 * conditional role, of nobody: members are not enumerable without evaluating every account).
 */
export async function listRoleMemberNotes(ctx: AppContext, role: RoleRow, viewerId: string, page: Page & { limit: number }): Promise<NoteRow[]> {
  const snapshot = await ctx.roles.current();
  const members: string[] = [];
  for (const userId of snapshot.assignmentsByUser.keys()) {
    if (rolesHeld({ ...snapshot, hasConditional: false }, userId, null).some((held) => held.id === role.id)) members.push(userId);
  }
  if (members.length === 0) return [];
  const { where, orderBy } = paginate(notes.id, page);
  return ctx.db.select().from(notes)
    .where(and(inArray(notes.userId, members), eq(notes.visibility, 'public'), isNull(notes.userHost), visibleNotesWhere({ id: viewerId }), where))
    .orderBy(orderBy)
    .limit(page.limit);
}

/**
 * `admin/roles/update-default-policies`: stored as sent (Misskey replaces the whole object); read
 * through `resolvePolicies`. Logged as `updateServerSettings` with the effective policies before
 * and after (Mikan's choice: a change that binds every account belongs in the moderation log).
 */
export async function updateDefaultPolicies(ctx: AppContext, policies: Record<string, unknown>, moderatorId: string): Promise<void> {
  const before = ctx.meta.policies;
  await ctx.meta.update({ policies });
  await recordModerationAction(ctx, { moderatorId, type: 'updateServerSettings', info: { before: { policies: before }, after: { policies: ctx.meta.policies } } });
}
