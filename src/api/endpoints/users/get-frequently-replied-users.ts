import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { findUserById, findUsersByIds } from '../../../core/users/read.js';
import { frequentlyRepliedUsers } from '../../../core/users/replied.js';
import { UserDetailedSchema } from '../../../core/users/schema.js';

export default defineEndpoint({
  summary: 'Whom a user replies to most (in their last 1000 public and home replies), with a weight from 0 to 1.',
  tags: ['users'],
  requireCredential: false,
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'e6965129-7b2a-40a4-bae2-cd84cd434822' },
  },
  params: Type.Object({
    userId: Type.String({ format: 'misskey:id' }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
  }),
  res: Type.Array(Type.Object({ user: UserDetailedSchema, weight: Type.Number() })),
}, async ({ params, me, ctx, fail }) => {
  const user = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  const ranked = await frequentlyRepliedUsers(ctx, user.id, params.limit ?? 10);
  const packed = new Map((await packUserDetailed(ctx, await findUsersByIds(ctx, ranked.map((r) => r.userId)), me)).map((u) => [u.id, u]));
  return ranked.flatMap((r) => {
    const packedUser = packed.get(r.userId);
    return packedUser ? [{ user: packedUser, weight: r.weight }] : [];
  });
});
