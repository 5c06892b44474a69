import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createList } from '../../../../core/lists/lists.js';
import { packUserList } from '../../../../core/lists/pack.js';
import { UserListSchema } from '../../../../core/lists/schema.js';

export default defineEndpoint({
  summary: 'Creates an empty private list, within your `userListLimit`.',
  tags: ['lists'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    tooManyUserLists: { message: 'You cannot create user list any more.', code: 'TOO_MANY_USERLISTS', id: '0cf21a28-7715-4f39-a20d-777bfdb8d138' },
    listUsersLimitExceeded: { message: 'A list of yours holds more users than allowed.', code: 'LIST_USERS_LIMIT_EXCEEDED', id: 'af66c10d-b0e6-418c-a205-4dd46a482e30' },
  },
  params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
  res: UserListSchema,
}, async ({ params, me, ctx, fail }) => {
  const result = await createList(ctx, me!.id, params.name);
  if ('error' in result) return fail(result.error);
  return packUserList(ctx, result.list);
});
