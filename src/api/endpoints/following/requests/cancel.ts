import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { cancelFollowRequest } from '../../../../core/following/requests.js';
import { packUserLite } from '../../../../core/users/pack.js';
import { findUserById } from '../../../../core/users/read.js';
import { UserLiteSchema } from '../../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Withdraws a follow request you sent.',
  tags: ['following', 'account'],
  requireCredential: true,
  kind: 'write:following',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '4e68c551-fc4c-4e46-bb41-7d4a37bf9dab' },
    followRequestNotFound: { message: 'Follow request not found.', code: 'FOLLOW_REQUEST_NOT_FOUND', id: '089b125b-d338-482a-9a09-e2622ac9f8d4' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: UserLiteSchema,
}, async ({ params, me, ctx, fail }) => {
  const followee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await cancelFollowRequest(ctx, me!.id, followee.id)) fail('followRequestNotFound');
  return packUserLite(ctx, followee);
});
