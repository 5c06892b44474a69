import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findRole } from '../../../core/roles/manage.js';
import { packRole } from '../../../core/roles/pack.js';
import { RoleSchema } from '../../../core/roles/schema.js';

export default defineEndpoint({
  summary: 'One public role.',
  tags: ['role'],
  requireCredential: false,
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: 'de5502bf-009a-4639-86c1-fec349e46dcb' },
  },
  params: Type.Object({ roleId: Type.String({ format: 'misskey:id' }) }),
  res: RoleSchema,
}, async ({ params, ctx, fail }) => {
  const role = await findRole(ctx, params.roleId);
  if (!role?.isPublic) fail('noSuchRole');
  return packRole(role!, ctx.roles.latest);
});
