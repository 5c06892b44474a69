import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { roleFields, roleInputOf } from '../../../role-params.js';
import { createRole, type RoleInput } from '../../../../core/roles/manage.js';
import { packRole } from '../../../../core/roles/pack.js';
import { RoleSchema } from '../../../../core/roles/schema.js';

const { isExplorable, badgeBehavior, preserveAssignmentOnMoveAccount, ...required } = roleFields;

export default defineEndpoint({
  summary: 'Creates a role (administrators).',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:roles',
  params: Type.Object({
    ...required,
    isExplorable: Type.Optional(isExplorable),
    badgeBehavior: Type.Optional(badgeBehavior),
    preserveAssignmentOnMoveAccount: Type.Optional(preserveAssignmentOnMoveAccount),
  }),
  res: RoleSchema,
}, async ({ params, me, ctx }) => {
  const role = await createRole(ctx, roleInputOf(params) as RoleInput, me!.id);
  return packRole(role, ctx.roles.latest);
});
