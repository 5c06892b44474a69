import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { updateFollowing } from '../../../core/following/follow.js';
import { packUserLite } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { UserLiteSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Changes how you follow a user: post notifications (`notify`) and replies in timelines (`withReplies`).',
  tags: ['following', 'users'],
  requireCredential: true,
  kind: 'write:following',
  limit: { duration: 3_600_000, max: 100 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '14318698-f67e-492a-99da-5353a5ac52be' },
    followeeIsYourself: { message: 'Followee is yourself.', code: 'FOLLOWEE_IS_YOURSELF', id: '4c4cbaf9-962a-463b-8418-a5e365dbf2eb' },
    notFollowing: { message: 'You are not following that user.', code: 'NOT_FOLLOWING', id: 'b8dc75cf-1cb5-46c9-b14b-5f1ffbd782c9' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    notify: Type.Optional(Type.Union([Type.Literal('normal'), Type.Literal('none')])),
    withReplies: Type.Optional(Type.Boolean()),
  }),
  res: UserLiteSchema,
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('followeeIsYourself');
  const followee = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (!await updateFollowing(ctx, me!.id, followee.id, { notify: params.notify, withReplies: params.withReplies })) fail('notFollowing');
  return packUserLite(ctx, followee);
});
