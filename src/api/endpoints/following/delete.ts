import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unfollow } from '../../../core/following/follow.js';
import { packUserLite } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { UserLiteSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Stops following a user.',
  tags: ['following', 'users'],
  requireCredential: true,
  kind: 'write:following',
  limit: { duration: 3_600_000, max: 100 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '5b12c78d-2b28-4dca-99d2-f56139b42ff8' },
    followeeIsYourself: { message: 'Followee is yourself.', code: 'FOLLOWEE_IS_YOURSELF', id: 'd9e400b9-36b0-4808-b1d8-79e707f1296c' },
    notFollowing: { message: 'You are not following that user.', code: 'NOT_FOLLOWING', id: '5dbf82f5-c92b-40b1-87d1-6c8c0741fd09' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: UserLiteSchema,
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('followeeIsYourself');
  const followee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await unfollow(ctx, me!.id, followee.id)) fail('notFollowing');
  return packUserLite(ctx, followee);
});
