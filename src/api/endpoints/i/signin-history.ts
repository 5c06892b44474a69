import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listSignins, packSignin } from '../../../core/auth/signin-history.js';
import { SigninSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'The account\'s password sign-in attempts, successful or not, newest first.',
  tags: ['account'],
  requireCredential: true,
  secure: true,
  params: Type.Object({
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    sinceDate: Type.Optional(Type.Integer()),
    untilDate: Type.Optional(Type.Integer()),
  }),
  res: Type.Array(SigninSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listSignins(ctx, me!.id, { ...params, limit: params.limit ?? 10 });
  return rows.map(packSignin);
});
