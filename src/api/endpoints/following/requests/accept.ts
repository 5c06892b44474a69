import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { acceptFollowRequest } from '../../../../core/following/requests.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Accepts a follow request: the requester now follows you.',
  tags: ['following', 'account'],
  requireCredential: true,
  kind: 'write:following',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '66ce1645-d66c-46bb-8b79-96739af885bd' },
    noFollowRequest: { message: 'No follow request.', code: 'NO_FOLLOW_REQUEST', id: 'bcde4f8b-0913-4614-8881-614e522fb041' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const follower = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await acceptFollowRequest(ctx, me!.id, follower.id)) fail('noFollowRequest');
});
