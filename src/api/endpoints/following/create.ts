import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { follow } from '../../../core/following/follow.js';
import { packUserLite } from '../../../core/users/pack.js';
import { findUserById } from '../../../core/users/read.js';
import { UserLiteSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Follows a user; a locked account receives a follow request instead.',
  tags: ['following', 'users'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:following',
  limit: { duration: 3_600_000, max: 100 },
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'fcd2eef9-a9b2-4c4f-8624-038099e90aa5' },
    followeeIsYourself: { message: 'Followee is yourself.', code: 'FOLLOWEE_IS_YOURSELF', id: '26fbe7bb-a331-4857-af17-205b426669a9' },
    alreadyFollowing: { message: 'You are already following that user.', code: 'ALREADY_FOLLOWING', id: '35387507-38c7-4cb9-9197-300b93783fa0' },
    blocking: { message: 'You are blocking that user.', code: 'BLOCKING', id: '4e2206ec-aa4f-4960-b865-6c23ac38e2d9' },
    blocked: { message: 'You are blocked by that user.', code: 'BLOCKED', id: 'c4ab57cc-4e41-45e9-bfd9-584f61e35ce0' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    withReplies: Type.Optional(Type.Boolean()),
  }),
  res: UserLiteSchema,
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === me!.id) fail('followeeIsYourself');
  const [follower, followee] = await Promise.all([findUserById(ctx, me!.id), findUserById(ctx, params.userId)]);
  if (!follower || !followee) return fail('noSuchUser');
  const outcome = await follow(ctx, follower, followee, { withReplies: params.withReplies });
  if (outcome === 'alreadyFollowing' || outcome === 'blocking' || outcome === 'blocked') fail(outcome);
  return packUserLite(ctx, followee);
});
