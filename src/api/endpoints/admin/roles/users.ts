import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { findRole } from '../../../../core/roles/manage.js';
import { packRoleMembers } from '../../../../core/roles/members.js';
import { UserDetailedSchema } from '../../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'The users a role is assigned to (unexpired assignments), newest assignment first (moderators).',
  tags: ['admin', 'role'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:roles',
  errors: {
    noSuchRole: { message: 'No such role.', code: 'NO_SUCH_ROLE', id: '224eff5e-2488-4b18-b3e7-f50d94421648' },
  },
  params: Type.Object({ roleId: Type.String({ format: 'misskey:id' }), ...pageParams(10) }),
  res: Type.Array(Type.Object({
    id: Type.String({ format: 'misskey:id' }),
    createdAt: Type.String({ format: 'date-time' }),
    user: UserDetailedSchema,
    expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  })),
}, async ({ params, me, ctx, fail }) => {
  const role = await findRole(ctx, params.roleId) ?? fail('noSuchRole');
  const members = await packRoleMembers(ctx, role.id, { ...params, limit: params.limit ?? 10 }, me);
  return members.map(({ assignment, user }) => ({
    id: assignment.id,
    createdAt: assignment.createdAt.toISOString(),
    user,
    expiresAt: assignment.expiresAt?.toISOString() ?? null,
  }));
});
