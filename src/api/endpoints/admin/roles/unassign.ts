import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findRole, unassignRole } from '../../../../core/roles/manage.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Removes a manual role from a user.',
  description: 'Moderators may unassign only roles with `canEditMembersByModerator`.',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:roles',
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: '6e519036-a70d-4c76-b679-bc8fb18194e2' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '2b730f78-1179-461b-88ad-d24c9af1a5ce' },
    notAssigned: { message: 'User was not assigned to this role.', code: 'NOT_ASSIGNED', id: 'b9060ac7-5c94-4da4-9f55-2047c953df44' },
    accessDenied: { message: 'Only administrators can edit members of the role.', code: 'ACCESS_DENIED', id: '24636eee-e8c1-493e-94b2-e16ad401e262' },
  },
  params: Type.Object({
    roleId: Type.String({ format: 'misskey:id' }),
    userId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const role = await findRole(ctx, params.roleId) ?? fail('noSuchRole');
  if (!role.canEditMembersByModerator && !me!.isAdmin) fail('accessDenied');
  const user = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  const refused = await unassignRole(ctx, role, user, me!.id);
  if (refused) fail(refused);
});
