import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findOwnList, updateMembership } from '../../../../core/lists/lists.js';

export default defineEndpoint({
  summary: 'Changes whether a member\'s replies show in one of your lists.',
  tags: ['lists', 'users'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '7f44670e-ab16-43b8-b4c1-ccd2ee89cc02' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '588e7f72-c744-4a61-b180-d354e912bda2' },
    listLimitExceeded: { message: 'You have more lists than allowed.', code: 'LIST_LIMIT_EXCEEDED', id: 'd4005118-e773-4132-bafb-10ba22c78da3' },
    listUsersLimitExceeded: { message: 'This list holds more users than allowed.', code: 'LIST_USERS_LIMIT_EXCEEDED', id: 'db7fe164-73d0-4788-8ed1-b6a19e95990d' },
  },
  params: Type.Object({
    listId: Type.String({ format: 'misskey:id' }),
    userId: Type.String({ format: 'misskey:id' }),
    withReplies: Type.Optional(Type.Boolean()),
  }),
}, async ({ params, me, ctx, fail }) => {
  const list = await findOwnList(ctx, params.listId, me!.id) ?? fail('noSuchList');
  const result = await updateMembership(ctx, list, params.userId, { withReplies: params.withReplies });
  if (result !== 'ok') fail(result);
});
