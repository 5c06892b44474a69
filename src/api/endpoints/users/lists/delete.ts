import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteList, findOwnList } from '../../../../core/lists/lists.js';

export default defineEndpoint({
  summary: 'Deletes one of your lists.',
  tags: ['lists'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '78436795-db79-42f5-b1e2-55ea2cf19166' },
  },
  params: Type.Object({ listId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const list = await findOwnList(ctx, params.listId, me!.id) ?? fail('noSuchList');
  await deleteList(ctx, list.id);
});
