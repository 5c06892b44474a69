import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { searchUsers } from '../../../core/users/directory.js';
import { packUserDetailed, packUserLite } from '../../../core/users/pack.js';
import { UserDetailedSchema, UserLiteSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Searches accounts by name, username (`@name`) and profile description.',
  tags: ['users'],
  requireCredential: false,
  params: Type.Object({
    query: Type.String(),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    origin: Type.Optional(Type.Union([Type.Literal('local'), Type.Literal('remote'), Type.Literal('combined')], { default: 'combined' })),
    detail: Type.Optional(Type.Boolean({ default: true })),
  }),
  res: Type.Array(Type.Union([UserLiteSchema, UserDetailedSchema])),
}, async ({ params, me, ctx }) => {
  const rows = await searchUsers(ctx, { query: params.query, limit: params.limit ?? 10, offset: params.offset ?? 0, origin: params.origin ?? 'combined' }, me?.id ?? null);
  return (params.detail ?? true) ? packUserDetailed(ctx, rows, me) : rows.map((row) => packUserLite(ctx, row));
});
