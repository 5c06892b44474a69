import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, regenerateUserToken } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'Signs the account\'s web client out everywhere (its native tokens die; app tokens live on).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:regenerate-user-token',
  errors: { noSuchUser: moderationErrors.noSuchUser, cannotActOnAdministrator: moderationErrors.cannotActOnAdministrator },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  if ((user.isAdmin || user.isRoot) && !me!.isAdmin) fail('cannotActOnAdministrator');
  await regenerateUserToken(ctx, me!.id, user);
});
