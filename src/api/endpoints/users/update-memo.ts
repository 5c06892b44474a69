import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { setUserMemo } from '../../../core/users/memo.js';
import { findUserById } from '../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Keeps a private memo about a user, shown only to you; null or empty deletes it.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '6fef56f3-e765-4957-88e5-c6f65329b8a5' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    memo: Type.Union([Type.String({ maxLength: 2048 }), Type.Null()], { description: 'null or empty deletes the memo.' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const target = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  await setUserMemo(ctx, me!.id, target.id, params.memo);
});
