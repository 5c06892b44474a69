import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findList, listLikes } from '../../../../core/lists/lists.js';
import { packUserList } from '../../../../core/lists/pack.js';
import { UserListWithLikesSchema } from '../../../../core/lists/schema.js';

export default defineEndpoint({
  summary: 'One of your lists, or with `forPublic` any public list together with its likes.',
  tags: ['lists', 'account'],
  requireCredential: false,
  kind: 'read:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '7bc05c21-1d7a-41ae-88f1-66820f4dc686' },
  },
  params: Type.Object({
    listId: Type.String({ format: 'misskey:id' }),
    forPublic: Type.Optional(Type.Boolean({ default: false })),
  }),
  res: UserListWithLikesSchema,
}, async ({ params, me, ctx, fail }) => {
  const forPublic = params.forPublic ?? false;
  const list = await findList(ctx, params.listId, me?.id ?? null, forPublic) ?? fail('noSuchList');
  const packed = await packUserList(ctx, list);
  return forPublic ? { ...packed, ...await listLikes(ctx, list.id, me?.id ?? null) } : packed;
});
