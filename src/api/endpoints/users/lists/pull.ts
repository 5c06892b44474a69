import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findOwnList, pullFromList } from '../../../../core/lists/lists.js';

export default defineEndpoint({
  summary: 'Removes a user from one of your lists.',
  tags: ['lists', 'users'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '7f44670e-ab16-43b8-b4c1-ccd2ee89cc02' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '588e7f72-c744-4a61-b180-d354e912bda2' },
  },
  params: Type.Object({
    listId: Type.String({ format: 'misskey:id' }),
    userId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const list = await findOwnList(ctx, params.listId, me!.id) ?? fail('noSuchList');
  if (await pullFromList(ctx, list, params.userId) !== 'ok') fail('noSuchUser');
});
