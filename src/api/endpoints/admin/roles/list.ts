import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listAllRoles } from '../../../../core/roles/manage.js';
import { packRole } from '../../../../core/roles/pack.js';
import { RoleSchema } from '../../../../core/roles/schema.js';

export default defineEndpoint({
  summary: 'Every role, most recently used first (moderators).',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:roles',
  params: Type.Object({}),
  res: Type.Array(RoleSchema),
}, async ({ ctx }) => {
  const roles = await listAllRoles(ctx);
  return roles.map((role) => packRole(role, ctx.roles.latest));
});
