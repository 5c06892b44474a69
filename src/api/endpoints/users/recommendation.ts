import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { recommendUsers } from '../../../core/users/directory.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { UserDetailedSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Accounts you might follow: local, explorable, not yet followed, blocked or muted; most followed first, then most recently active.',
  tags: ['users'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  }),
  res: Type.Array(UserDetailedSchema),
}, async ({ params, me, ctx }) => {
  const rows = await recommendUsers(ctx, me!.id, { limit: params.limit ?? 10, offset: params.offset ?? 0 });
  return packUserDetailed(ctx, rows, me);
});
