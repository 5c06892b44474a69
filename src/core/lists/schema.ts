import { Type, type Static } from '@sinclair/typebox';
import { UserLiteSchema } from '../users/schema.js';

const Id = Type.String({ format: 'misskey:id' });
const DateTime = Type.String({ format: 'date-time' });

/** misskey-js `UserList` (test/types checks the fit). Mikan always sends `userIds`, as Misskey does. */
export const UserListSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  name: Type.String(),
  userIds: Type.Optional(Type.Array(Id)),
  isPublic: Type.Boolean(),
});
export type UserList = Static<typeof UserListSchema>;

/** `users/lists/show`: the list, plus its favourites when asked `forPublic`. */
export const UserListWithLikesSchema = Type.Composite([UserListSchema, Type.Object({
  likedCount: Type.Optional(Type.Number()),
  isLiked: Type.Optional(Type.Boolean()),
})]);

/** One item of `users/lists/get-memberships`. */
export const UserListMembershipSchema = Type.Object({
  id: Id,
  createdAt: DateTime,
  userId: Id,
  user: UserLiteSchema,
  withReplies: Type.Boolean(),
});
export type UserListMembership = Static<typeof UserListMembershipSchema>;
