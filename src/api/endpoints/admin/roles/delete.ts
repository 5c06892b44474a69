import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteRole } from '../../../../core/roles/manage.js';

export default defineEndpoint({
  summary: 'Deletes a role and its assignments (administrators).',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:roles',
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: 'de0d6ecd-8e0a-4253-88ff-74bc89ae3d45' },
  },
  params: Type.Object({ roleId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteRole(ctx, params.roleId, me!.id)) fail('noSuchRole');
});
