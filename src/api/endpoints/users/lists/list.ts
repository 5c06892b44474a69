import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { listListsOf } from '../../../../core/lists/lists.js';
import { packUserLists } from '../../../../core/lists/pack.js';
import { UserListSchema } from '../../../../core/lists/schema.js';
import { findUserById } from '../../../../core/users/read.js';

export default defineEndpoint({
  summary: 'Your lists, or (with `userId`) the public lists of a user.',
  tags: ['lists', 'account'],
  requireCredential: false,
  kind: 'read:account',
  errors: {
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'a8af4a82-0980-4cc4-a6af-8b0ffd54465e' },
    remoteUser: { message: 'Not allowed to load the remote user\'s list', code: 'REMOTE_USER_NOT_ALLOWED', id: '53858f1b-3315-4a01-81b7-db9b48d4b79a' },
    invalidParam: { message: 'Invalid param.', code: 'INVALID_PARAM', id: 'ab36de0e-29e9-48cb-9732-d82f1281620d' },
  },
  params: Type.Object({ userId: Type.Optional(Type.String({ format: 'misskey:id' })) }),
  res: Type.Array(UserListSchema),
}, async ({ params, me, ctx, fail }) => {
  if (params.userId === undefined) {
    // Your own lists, public and private; an anonymous caller has none to ask about.
    if (!me) return fail('invalidParam');
    return packUserLists(ctx, await listListsOf(ctx, me.id, false));
  }
  const user = await findUserById(ctx, params.userId) ?? fail('noSuchUser');
  if (user.host != null) fail('remoteUser');
  // Misskey: with a userId, public lists only (even your own).
  return packUserLists(ctx, await listListsOf(ctx, user.id, true));
});
