import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findUserById } from '../../../core/users/read.js';
import { getUserStats } from '../../../core/users/stats.js';

const Count = Type.Integer({ minimum: 0 });

export default defineEndpoint({
  summary: 'Statistics about a user: notes, replies, renotes, votes, follows, reactions, favourites and drive usage.',
  tags: ['users'],
  requireCredential: false,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '9e638e45-3b25-4ef7-8f95-07e8498f1819' },
  },
  params: Type.Object({ userId: Type.String({ format: 'misskey:id' }) }),
  res: Type.Object({
    notesCount: Count, repliesCount: Count, renotesCount: Count, repliedCount: Count, renotedCount: Count,
    pollVotesCount: Count, pollVotedCount: Count,
    localFollowingCount: Count, remoteFollowingCount: Count, localFollowersCount: Count, remoteFollowersCount: Count,
    followingCount: Count, followersCount: Count,
    sentReactionsCount: Count, receivedReactionsCount: Count, noteFavoritesCount: Count,
    pageLikesCount: Count, pageLikedCount: Count, driveFilesCount: Count, driveUsage: Count,
  }),
}, async ({ params, ctx, fail }) => {
  const user = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  return getUserStats(ctx, user.id);
});
