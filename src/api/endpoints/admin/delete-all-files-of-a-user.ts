import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { moderationErrors } from '../../moderation-errors.js';
import { findAnyUser, deleteAllFilesOfUser } from '../../../core/moderation/users.js';

export default defineEndpoint({
  summary: 'Deletes every drive file of an account, in the background (a durable job); each file is logged.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'write:admin:delete-all-files-of-a-user',
  errors: { noSuchUser: moderationErrors.noSuchUser },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const user = await findAnyUser(ctx, params.userId) ?? fail('noSuchUser');
  await deleteAllFilesOfUser(ctx, me!.id, user);
});
