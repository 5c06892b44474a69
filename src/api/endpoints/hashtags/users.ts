import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listUsersWithHashtag } from '../../../core/hashtags/read.js';
import { HASHTAG_USERS_SORTS } from '../../../core/hashtags/schema.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { UserDetailedSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Users who have the hashtag in their profile description.',
  tags: ['hashtags', 'users'],
  requireCredential: false,
  params: Type.Object({
    tag: Type.String(),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    sort: Type.Union(HASHTAG_USERS_SORTS.map((sort) => Type.Literal(sort))),
    state: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('alive')], { default: 'all' })),
    origin: Type.Optional(Type.Union([Type.Literal('combined'), Type.Literal('local'), Type.Literal('remote')], { default: 'local' })),
  }),
  res: Type.Array(UserDetailedSchema),
}, async ({ params, me, ctx }) => {
  const users = await listUsersWithHashtag(ctx, {
    tag: params.tag, sort: params.sort, limit: params.limit ?? 10, offset: params.offset ?? 0, state: params.state ?? 'all', origin: params.origin ?? 'local',
  });
  return packUserDetailed(ctx, users, me);
});
