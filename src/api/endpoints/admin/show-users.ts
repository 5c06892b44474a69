import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listUsersForModerators } from '../../../core/moderation/users.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { UserDetailedSchema } from '../../../core/users/schema.js';

const Sort = Type.Union(['+follower', '-follower', '+createdAt', '-createdAt', '+updatedAt', '-updatedAt', '+lastActiveDate', '-lastActiveDate'].map((value) => Type.Literal(value)));
const State = Type.Union(['all', 'alive', 'available', 'admin', 'moderator', 'adminOrModerator', 'suspended'].map((value) => Type.Literal(value)));

export default defineEndpoint({
  summary: 'Every account, suspended ones included, with Misskey\'s filters (state, origin, username prefix, host) and sorts.',
  tags: ['admin'],
  requireCredential: true,
  requireModerator: true,
  kind: 'read:admin:show-user',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ default: 0 })),
    sort: Type.Optional(Sort),
    state: Type.Optional(State),
    origin: Type.Optional(Type.Union([Type.Literal('combined'), Type.Literal('local'), Type.Literal('remote')], { default: 'combined' })),
    username: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null })),
    hostname: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null, description: 'The local host is represented with `null`.' })),
  }),
  res: Type.Array(UserDetailedSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listUsersForModerators(ctx, {
    limit: params.limit ?? 10,
    offset: Math.max(0, params.offset ?? 0),
    sort: params.sort as never,
    state: (params.state ?? 'all') as never,
    origin: params.origin ?? 'combined',
    username: params.username,
    hostname: params.hostname,
  });
  return packUserDetailed(ctx, rows, me);
});
