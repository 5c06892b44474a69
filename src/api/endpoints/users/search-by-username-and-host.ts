import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { searchByUsernameAndHost } from '../../../core/users/directory.js';
import { packUserDetailed, packUserLite } from '../../../core/users/pack.js';
import { UserDetailedSchema, UserLiteSchema } from '../../../core/users/schema.js';

const common = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  detail: Type.Optional(Type.Boolean({ default: true })),
};
const Text = Type.Union([Type.String(), Type.Null()]);

export default defineEndpoint({
  summary: 'Accounts whose username (and host) start with what was typed: people you follow first (mention completion).',
  tags: ['users'],
  requireCredential: false,
  params: Type.Union([
    Type.Object({ username: Text, host: Type.Optional(Text), ...common }),
    Type.Object({ username: Type.Optional(Text), host: Text, ...common }),
  ]),
  res: Type.Array(Type.Union([UserLiteSchema, UserDetailedSchema])),
}, async ({ params, me, ctx }) => {
  const rows = await searchByUsernameAndHost(ctx, { username: params.username, host: params.host, limit: params.limit ?? 10 }, me?.id ?? null);
  return (params.detail ?? true) ? packUserDetailed(ctx, rows, me) : rows.map((row) => packUserLite(ctx, row));
});
