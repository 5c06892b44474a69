import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, resetPassword } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'Gives an account a new random password and answers it (once); its tokens stay valid.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:reset-password',
  errors: {
    noSuchUser: moderationErrors.noSuchUser,
    cannotResetRootPassword: moderationErrors.cannotResetRootPassword,
    cannotActOnAdministrator: moderationErrors.cannotActOnAdministrator,
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: Type.Object({ password: Type.String() }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  if (user.isRoot) fail('cannotResetRootPassword');
  if (user.isAdmin && !me!.isAdmin) fail('cannotActOnAdministrator');
  return { password: await resetPassword(ctx, me!.id, user) };
});
