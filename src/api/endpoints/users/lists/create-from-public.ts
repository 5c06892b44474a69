import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { copyPublicList } from '../../../../core/lists/lists.js';
import { packUserList } from '../../../../core/lists/pack.js';
import { UserListSchema } from '../../../../core/lists/schema.js';

export default defineEndpoint({
  summary: 'Creates a private list of your own with the members of a public list (all or nothing).',
  tags: ['lists'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    tooManyUserLists: { message: 'You cannot create user list any more.', code: 'TOO_MANY_USERLISTS', id: 'e9c105b2-c595-47de-97fb-7f7c2c33e92f' },
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '9292f798-6175-4f7d-93f4-b6742279667d' },
    noSuchUser: { message: 'No such user.', code: 'NO_SUCH_USER', id: '13c457db-a8cb-4d88-b70a-211ceeeabb5f' },
    alreadyAdded: { message: 'That user has already been added to that list.', code: 'ALREADY_ADDED', id: 'c3ad6fdb-692b-47ee-a455-7bd12c7af615' },
    youHaveBeenBlocked: { message: 'You cannot push this user because you have been blocked by this user.', code: 'YOU_HAVE_BEEN_BLOCKED', id: 'a2497f2a-2389-439c-8626-5298540530f4' },
    tooManyUsers: { message: 'You can not push users any more.', code: 'TOO_MANY_USERS', id: '1845ea77-38d1-426e-8e4e-8b83b24f5bd7' },
    listUsersLimitExceeded: { message: 'A list of yours holds more users than allowed.', code: 'LIST_USERS_LIMIT_EXCEEDED', id: '3e205e58-0798-40f2-a589-a78a619ee3d4' },
  },
  params: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 100 }),
    listId: Type.String({ format: 'misskey:id' }),
  }),
  res: UserListSchema,
}, async ({ params, me, ctx, fail }) => {
  const result = await copyPublicList(ctx, me!.id, params.listId, params.name);
  if ('error' in result) return fail(result.error);
  return packUserList(ctx, result.list);
});
