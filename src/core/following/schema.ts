import { Type, type Static } from '@sinclair/typebox';
import { UserDetailedNotMeSchema, UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

/** misskey-js `Following`: `users/following` fills `followee`, `users/followers` fills `follower`. */
export const FollowingSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  followeeId: Id,
  followerId: Id,
  followee: Type.Optional(UserDetailedNotMeSchema),
  follower: Type.Optional(UserDetailedNotMeSchema),
});
export type Following = Static<typeof FollowingSchema>;

/** misskey-js `FollowRequest` (what `following/requests/list` and `sent` answer). */
export const FollowRequestSchema = Type.Object({
  id: Id,
  follower: UserLiteSchema,
  followee: UserLiteSchema,
});
export type FollowRequest = Static<typeof FollowRequestSchema>;

export const UserRelationSchema = Type.Object({
  id: Id,
  isFollowing: Type.Boolean(),
  hasPendingFollowRequestFromYou: Type.Boolean(),
  hasPendingFollowRequestToYou: Type.Boolean(),
  isFollowed: Type.Boolean(),
  isBlocking: Type.Boolean(),
  isBlocked: Type.Boolean(),
  isMuted: Type.Boolean(),
  isRenoteMuted: Type.Boolean(),
});
