import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listPublicRoles } from '../../../core/roles/manage.js';
import { packRole } from '../../../core/roles/pack.js';
import { RoleSchema } from '../../../core/roles/schema.js';

export default defineEndpoint({
  summary: 'The public roles, highest displayOrder first.',
  tags: ['role'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({}),
  res: Type.Array(RoleSchema),
}, async ({ ctx }) => {
  const roles = await listPublicRoles(ctx);
  return roles.map((role) => packRole(role, ctx.roles.latest));
});
