import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { AdminUserSchema } from '../../../core/moderation/schema.js';
import { findAnyUser, packUserForModerators } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'An account as moderators see it: e-mail, settings, moderation note, recent sign-ins, policies.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:show-user',
  errors: { noSuchUser: moderationErrors.noSuchUser, cannotActOnAdministrator: moderationErrors.cannotActOnAdministrator },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: AdminUserSchema,
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  // Misskey: only administrators see an administrator's private data.
  if ((user.isAdmin || user.isRoot) && !me!.isAdmin && user.id !== me!.id) fail('cannotActOnAdministrator');
  return packUserForModerators(ctx, user);
});
