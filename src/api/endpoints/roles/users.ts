import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { findRole } from '../../../core/roles/manage.js';
import { packRoleMembers } from '../../../core/roles/members.js';
import { UserDetailedSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Members of a public, explorable role, newest assignment first.',
  tags: ['role', 'users'],
  requireCredential: false,
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: '30aaaee3-4792-48dc-ab0d-cf501a575ac5' },
  },
  params: Type.Object({ roleId: Type.String({ format: 'misskey:id' }), ...pageParams(10) }),
  res: Type.Array(Type.Object({ id: Type.String({ format: 'misskey:id' }), user: UserDetailedSchema })),
}, async ({ params, me, ctx, fail }) => {
  const role = await findRole(ctx, params.roleId);
  if (!role?.isPublic || !role.isExplorable) fail('noSuchRole');
  const members = await packRoleMembers(ctx, role!.id, { ...params, limit: params.limit ?? 10 }, me);
  return members.map(({ assignment, user }) => ({ id: assignment.id, user }));
});
