import { Type } from '@sinclair/typebox';
import type { RoleInput } from '../core/roles/manage.js';
import type { RolePolicyValue } from '../db/schema/index.js';

/** The role fields of `admin/roles/create` and `admin/roles/update` (Misskey's paramDef). */
export const roleFields = {
  name: Type.String(),
  description: Type.String(),
  color: Type.Union([Type.String(), Type.Null()]),
  iconUrl: Type.Union([Type.String(), Type.Null()]),
  target: Type.Union([Type.Literal('manual'), Type.Literal('conditional')]),
  condFormula: Type.Record(Type.String(), Type.Unknown()),
  isPublic: Type.Boolean(),
  isModerator: Type.Boolean(),
  isAdministrator: Type.Boolean(),
  isExplorable: Type.Boolean({ default: false }),
  asBadge: Type.Boolean(),
  badgeBehavior: Type.Union([Type.String(), Type.Null()], { description: 'Accepted and ignored (a fork extension).' }),
  preserveAssignmentOnMoveAccount: Type.Boolean(),
  canEditMembersByModerator: Type.Boolean(),
  displayOrder: Type.Number(),
  policies: Type.Record(Type.String(), Type.Unknown()),
};

/** The stored role fields of validated params (`badgeBehavior` has no effect in Misskey either). */
export function roleInputOf<P extends Partial<Record<keyof typeof roleFields, unknown>>>(params: P): Partial<RoleInput> {
  const { badgeBehavior: _ignored, ...rest } = params as Partial<RoleInput> & { badgeBehavior?: unknown; roleId?: unknown };
  delete (rest as { roleId?: unknown }).roleId;
  return { ...rest, ...(rest.policies ? { policies: rest.policies as Record<string, RolePolicyValue> } : {}) };
}
