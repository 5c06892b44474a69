import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { rejectFollowRequest } from '../../../../core/following/requests.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Rejects a follow request. Rejecting when none is pending is not an error (as in Misskey).',
  tags: ['following', 'account'],
  requireCredential: true,
  kind: 'write:following',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'abc2ffa6-25b2-4380-ba99-321ff3a94555' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const follower = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  await rejectFollowRequest(ctx, me!.id, follower.id);
});
