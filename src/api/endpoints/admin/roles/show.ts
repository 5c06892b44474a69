import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findRole } from '../../../../core/roles/manage.js';
import { packRole } from '../../../../core/roles/pack.js';
import { RoleSchema } from '../../../../core/roles/schema.js';

export default defineEndpoint({
  summary: 'One role, public or not (moderators).',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:roles',
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: '07dc7d34-c0d8-49b7-96c6-db3ce64ee0b3' },
  },
  params: Type.Object({ roleId: Type.String({ format: 'misskey:id' }) }),
  res: RoleSchema,
}, async ({ params, ctx, fail }) => {
  const role = await findRole(ctx, params.roleId) ?? fail('noSuchRole');
  return packRole(role, ctx.roles.latest);
});
