import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { moderationErrors } from '../../../moderation-errors.js';
import { findAnyUser, deleteAllFilesOfUser } from '../../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'The fork\'s name for admin/delete-all-files-of-a-user: every drive file of an account deleted by a durable job.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:drive',
  errors: { noSuchUser: moderationErrors.noSuchUser },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  await deleteAllFilesOfUser(ctx, me!.id, user);
});
