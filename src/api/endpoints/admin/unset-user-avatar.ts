import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, unsetProfileImage } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'Takes the avatar off an account (the file stays in its drive).',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:user-avatar',
  errors: { noSuchUser: moderationErrors.noSuchUser },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  await unsetProfileImage(ctx, me!.id, user, 'avatar');
});
