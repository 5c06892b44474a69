import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { pageParams } from '../../../paging.js';
import { findList, listMemberships } from '../../../../core/lists/lists.js';
import { packMemberships } from '../../../../core/lists/pack.js';
import { UserListMembershipSchema } from '../../../../core/lists/schema.js';

export default defineEndpoint({
  summary: 'The members of one of your lists, or with `forPublic` of any public list, newest first.',
  tags: ['lists', 'account'],
  requireCredential: false,
  kind: 'read:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '7bc05c21-1d7a-41ae-88f1-66820f4dc686' },
  },
  params: Type.Object({
    listId: Type.String({ format: 'misskey:id' }),
    forPublic: Type.Optional(Type.Boolean({ default: false })),
    ...pageParams(30),
  }),
  res: Type.Array(UserListMembershipSchema),
}, async ({ params, me, ctx, fail }) => {
  const list = await findList(ctx, params.listId, me?.id ?? null, params.forPublic ?? false) ?? fail('noSuchList');
  return packMemberships(ctx, await listMemberships(ctx, list.id, { ...params, limit: params.limit ?? 30 }));
});
