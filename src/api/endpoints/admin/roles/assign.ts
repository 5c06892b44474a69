import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { assignRole, findRole } from '../../../../core/roles/manage.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Assigns a manual role to a user, optionally until `expiresAt` (ms epoch).',
  description: 'Moderators may assign only roles with `canEditMembersByModerator`; an `expiresAt` in the past does nothing, as in Misskey.',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:roles',
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: '6503c040-6af4-4ed9-bf07-f2dd16678eab' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '558ea170-f653-4700-94d0-5a818371d0df' },
    alreadyAssigned: { message: 'User is already assigned to this role.', code: 'ALREADY_ASSIGNED', id: '67d8689c-25c6-435f-8ced-631e4b81fce1' },
    accessDenied: { message: 'Only administrators can edit members of the role.', code: 'ACCESS_DENIED', id: '25b5bc31-dc79-4ebd-9bd2-c84978fd052c' },
  },
  params: Type.Object({
    roleId: Type.String({ format: 'misskey:id' }),
    userId: Type.String({ format: 'misskey:id' }),
    memo: Type.Optional(Type.String()),
    expiresAt: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  }),
}, async ({ params, me, ctx, fail }) => {
  const role = await findRole(ctx, params.roleId) ?? fail('noSuchRole');
  if (!role.canEditMembersByModerator && !me!.isAdmin) fail('accessDenied');
  const user = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (params.expiresAt != null && params.expiresAt <= Date.now()) return;
  const refused = await assignRole(ctx, role, user, params.expiresAt != null ? new Date(params.expiresAt) : null, params.memo ?? null, me!.id);
  if (refused) fail(refused);
});
