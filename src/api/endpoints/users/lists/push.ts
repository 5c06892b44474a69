import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findOwnList, pushToList } from '../../../../core/lists/lists.js';

export default defineEndpoint({
  summary: 'Adds a user to one of your lists (not a user who blocks you).',
  tags: ['lists', 'users'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  limit: { duration: 3_600_000, max: 30 },
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '2214501d-ac96-4049-b717-91e42272a711' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: 'a89abd3d-f0bc-4cce-beb1-2f446f4f1e6a' },
    alreadyAdded: { message: 'That user has already been added to that list.', code: 'ALREADY_ADDED', id: '1de7c884-1595-49e9-857e-61f12f4d4fc5' },
    youHaveBeenBlocked: { message: 'You cannot push this user because you have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: '990232c5-3f9d-4d83-9f3f-ef27b6332a4b' },
    tooManyUsers: { message: 'You can not push users any more.', code: 'TOO_MANY_USERS', id: '2dd9752e-a338-413d-8eec-41814430989b' },
    listLimitExceeded: { message: 'You have more lists than allowed.', code: 'LIST_LIMIT_EXCEEDED', id: '5906ab2d-c164-44bc-a60a-464beba52be9' },
    listUsersLimitExceeded: { message: 'This list holds more users than allowed.', code: 'LIST_USERS_LIMIT_EXCEEDED', id: 'd1054b77-908a-4f7d-a9cc-44d665267108' },
  },
  params: Type.Object({
    listId: Type.String({ format: 'misskey:id' }),
    userId: Type.String({ format: 'misskey:id' }),
  }),
}, async ({ params, me, ctx, fail }) => {
  const list = await findOwnList(ctx, params.listId, me!.id) ?? fail('noSuchList');
  const result = await pushToList(ctx, list, params.userId);
  if (result !== 'ok') fail(result);
});
