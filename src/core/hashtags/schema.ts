import { Type, type Static } from '@sinclair/typebox';

/** misskey-js `Hashtag`. */
export const HashtagSchema = Type.Object({
  tag: Type.String(),
  mentionedUsersCount: Type.Integer(),
  mentionedLocalUsersCount: Type.Integer(),
  mentionedRemoteUsersCount: Type.Integer(),
  attachedUsersCount: Type.Integer(),
  attachedLocalUsersCount: Type.Integer(),
  attachedRemoteUsersCount: Type.Integer(),
});
export type Hashtag = Static<typeof HashtagSchema>;

/** One entry of `hashtags/trend`. */
export const HashtagTrendSchema = Type.Object({
  tag: Type.String(),
  /** Distinct users per 10-minute window, the current window first. */
  chart: Type.Array(Type.Integer()),
  usersCount: Type.Integer(),
});
export type HashtagTrend = Static<typeof HashtagTrendSchema>;

export const HASHTAG_LIST_SORTS = [
  '+mentionedUsers', '-mentionedUsers', '+mentionedLocalUsers', '-mentionedLocalUsers', '+mentionedRemoteUsers', '-mentionedRemoteUsers',
  '+attachedUsers', '-attachedUsers', '+attachedLocalUsers', '-attachedLocalUsers', '+attachedRemoteUsers', '-attachedRemoteUsers',
] as const;
export type HashtagListSort = typeof HASHTAG_LIST_SORTS[number];

export const HASHTAG_USERS_SORTS = ['+follower', '-follower', '+createdAt', '-createdAt', '+updatedAt', '-updatedAt'] as const;
export type HashtagUsersSort = typeof HASHTAG_USERS_SORTS[number];
