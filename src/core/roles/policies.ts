import type { AppContext } from '../../context.js';
import type { RoleRow, UserRow } from '../../db/schema/index.js';
import type { RolePolicies } from '../meta/policies.js';
import { findUsersForPacking } from '../users/read.js';
import { mergePolicies } from './merge.js';
import { applyInlinePolicies } from './inline.js';
import { privilegesOf, rolesHeld, type RoleSubject } from './service.js';

/**
 * The roles a user holds now. Conditional roles read the account from the process cache of user
 * rows (as Misskey reads its cached user entity): flags follow at once (profile changes invalidate
 * it), counts may lag by the cache's lifetime. Pass `user` when the caller has a fresh row.
 */
export async function rolesOf(ctx: AppContext, userId: string, user?: RoleSubject | null): Promise<RoleRow[]> {
  const snapshot = await ctx.roles.current();
  let subject = user ?? null;
  if (snapshot.hasConditional && !subject) subject = (await findUsersForPacking(ctx, [userId])).get(userId) ?? null;
  return rolesHeld(snapshot, userId, subject);
}

/**
 * The role policies that bind one user (Misskey's getUserPolicies: the base policies merged with
 * those of every role the user holds, src/core/roles/merge.ts), then the account's inline policies
 * (the fork's per-user overrides, src/core/roles/inline.ts). Every limit and permission check
 * asks this, never `ctx.meta.policies` directly. `null` is a visitor without an account. Costs no
 * query: roles and assignments live in memory (RoleService), the user row in the user cache.
 */
export async function policiesOf(ctx: AppContext, userId: string | null): Promise<RolePolicies> {
  if (userId == null) return ctx.meta.policies;
  const held = await rolesOf(ctx, userId);
  return applyInlinePolicies(mergePolicies(ctx.meta.policies, held), ctx.roles.latest.inlineByUser.get(userId));
}

/** Policies of many packed users at once, from their (fresh) rows. */
export async function policiesOfUsers(ctx: AppContext, users: readonly UserRow[]): Promise<Map<string, { policies: RolePolicies; roles: RoleRow[] }>> {
  const snapshot = await ctx.roles.current();
  return new Map(users.map((user) => {
    const held = rolesHeld(snapshot, user.id, user);
    return [user.id, { policies: applyInlinePolicies(mergePolicies(ctx.meta.policies, held), snapshot.inlineByUser.get(user.id)), roles: held }];
  }));
}

/** Whether the account is an administrator / moderator now: its own flags (root, `create-admin`) or a role's. */
export async function privilegesOfUser(ctx: AppContext, user: Pick<UserRow, 'id' | 'isAdmin' | 'isModerator'>): Promise<{ isAdmin: boolean; isModerator: boolean }> {
  const snapshot = await ctx.roles.current();
  if (snapshot.roles.length === 0 || !snapshot.roles.some((role) => role.isAdministrator || role.isModerator)) {
    return { isAdmin: user.isAdmin, isModerator: user.isAdmin || user.isModerator };
  }
  return privilegesOf(user, await rolesOf(ctx, user.id));
}
