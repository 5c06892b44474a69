import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unfollow } from '../../../core/following/follow.js';
import { packUserLite } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { UserLiteSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Removes a follower: that user no longer follows you.',
  tags: ['following', 'users'],
  requireCredential: true,
  kind: 'write:following',
  limit: { duration: 3_600_000, max: 100 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'b77e6ae6-a3e5-40da-9cc8-c240115479cc' },
    followerIsYourself: { message: 'Follower is yourself.', code: 'FOLLOWER_IS_YOURSELF', id: '07dc03b9-03da-422d-885b-438313707662' },
    notFollowing: { message: 'The other use is not following you.', code: 'NOT_FOLLOWING', id: '918faac3-074f-41ae-9c43-ed5d2946770d' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: UserLiteSchema,
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('followerIsYourself');
  const follower = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await unfollow(ctx, follower.id, me!.id)) fail('notFollowing');
  return packUserLite(ctx, follower);
});
