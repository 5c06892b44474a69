import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { listDirectory } from '../../core/users/directory.js';
import { packUserDetailed } from '../../core/users/pack.js';
import { UserDetailedSchema } from '../../core/users/schema.js';

export default defineEndpoint({
  summary: 'The user directory: explorable accounts, sorted and filtered as asked (offset paging).',
  tags: ['users'],
  requireCredential: false,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    sort: Type.Optional(Type.Union([
      Type.Literal('+follower'), Type.Literal('-follower'), Type.Literal('+createdAt'), Type.Literal('-createdAt'),
      Type.Literal('+updatedAt'), Type.Literal('-updatedAt'),
    ])),
    state: Type.Optional(Type.Union([Type.Literal('all'), Type.Literal('alive')], { default: 'all' })),
    origin: Type.Optional(Type.Union([Type.Literal('combined'), Type.Literal('local'), Type.Literal('remote')], { default: 'local' })),
    hostname: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: null, description: 'The local host is represented with `null`.' })),
  }),
  res: Type.Array(UserDetailedSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listDirectory(ctx, {
    limit: params.limit ?? 10,
    offset: params.offset ?? 0,
    sort: params.sort,
    state: params.state ?? 'all',
    origin: params.origin ?? 'local',
    hostname: params.hostname,
  }, me?.id ?? null);
  return packUserDetailed(ctx, rows, me);
});
