import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../../define.js';
import { listPending, packPending } from '../../../../../core/email/account.js';

const NullableString = Type.Optional(Type.Union([Type.String(), Type.Null()]));

export default defineEndpoint({
  summary: 'Sign-ups waiting for their address to be confirmed (emailRequiredForSignup), newest first by default.',
  description: '`username` and `email` match parts, case-insensitively; `code` matches a mailed code exactly. The codes themselves are stored hashed and never answered.',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'read:admin:account',
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    sort: Type.Optional(Type.Union([Type.Literal('+createdAt'), Type.Literal('-createdAt')])),
    username: NullableString,
    email: NullableString,
    code: NullableString,
  }),
  res: Type.Array(Type.Object({ id: Type.String(), createdAt: Type.String({ format: 'date-time' }), username: Type.String(), email: Type.String() })),
}, async ({ params, ctx }) => {
  const rows = await listPending(ctx, { ...params, limit: params.limit ?? 10, offset: params.offset ?? 0 });
  return rows.map(packPending);
});
