import type { entities } from 'misskey-js';
import type { RoleRow } from '../../db/schema/index.js';
import { DEFAULT_POLICIES } from '../meta/policies.js';
import type { RoleSnapshot } from './service.js';

export type PackedRole = entities.Role;
export type PackedRoleLite = entities.RoleLite;
export type PackedBadgeRole = NonNullable<entities.UserLite['badgeRoles']>[number];

export function packRoleLite(role: RoleRow): PackedRoleLite {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    iconUrl: role.iconUrl,
    description: role.description,
    isModerator: role.isModerator,
    isAdministrator: role.isAdministrator,
    displayOrder: role.displayOrder,
  };
}

/** A user's badge roles as UserLite shows them: `asBadge` roles, highest displayOrder first. */
export function packBadgeRoles(held: readonly RoleRow[]): PackedBadgeRole[] {
  return held.filter((role) => role.asBadge)
    .sort((a, b) => b.displayOrder - a.displayOrder)
    .map((role) => ({ name: role.name, iconUrl: role.iconUrl, displayOrder: role.displayOrder }));
}

/**
 * Misskey's RoleEntityService.pack: every policy the role does not mention is shown as
 * `{ useDefault: true, priority: 0, value: <default> }`; `usersCount` counts unexpired manual
 * assignments (conditional members are not counted), from the roles in memory.
 */
export function packRole(role: RoleRow, snapshot: RoleSnapshot, now = Date.now()): PackedRole {
  const policies: Record<string, { value?: unknown; priority?: number; useDefault?: boolean }> = { ...role.policies };
  for (const [name, value] of Object.entries(DEFAULT_POLICIES)) {
    if (policies[name] == null) policies[name] = { useDefault: true, priority: 0, value };
  }
  let usersCount = 0;
  for (const held of snapshot.assignmentsByUser.values()) {
    if (held.some((assignment) => assignment.roleId === role.id && (assignment.expiresAt === null || assignment.expiresAt > now))) usersCount++;
  }
  return {
    ...packRoleLite(role),
    createdAt: role.createdAt.toISOString(),
    updatedAt: role.updatedAt.toISOString(),
    target: role.target,
    condFormula: role.condFormula as PackedRole['condFormula'],
    isPublic: role.isPublic,
    isExplorable: role.isExplorable,
    asBadge: role.asBadge,
    preserveAssignmentOnMoveAccount: role.preserveAssignmentOnMoveAccount,
    canEditMembersByModerator: role.canEditMembersByModerator,
    policies: policies as PackedRole['policies'],
    usersCount,
  };
}
