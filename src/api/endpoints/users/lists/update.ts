import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findOwnList, updateList } from '../../../../core/lists/lists.js';
import { packUserList } from '../../../../core/lists/pack.js';
import { UserListSchema } from '../../../../core/lists/schema.js';

export default defineEndpoint({
  summary: 'Renames one of your lists or makes it public or private.',
  tags: ['lists'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '796666fe-3dff-4d39-becb-8a5932c1d5b7' },
    listLimitExceeded: { message: 'You have more lists than allowed.', code: 'LIST_LIMIT_EXCEEDED', id: '0a1fa63e-3e4c-4bc2-afd1-1ff853b4560e' },
    listUsersLimitExceeded: { message: 'This list holds more users than allowed.', code: 'LIST_USERS_LIMIT_EXCEEDED', id: '831fd3b2-4ac8-421e-89db-bfd98944e529' },
  },
  params: Type.Object({
    listId: Type.String({ format: 'misskey:id' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    isPublic: Type.Optional(Type.Boolean()),
  }),
  res: UserListSchema,
}, async ({ params, me, ctx, fail }) => {
  const list = await findOwnList(ctx, params.listId, me!.id) ?? fail('noSuchList');
  const result = await updateList(ctx, list, params);
  if ('error' in result) return fail(result.error);
  return packUserList(ctx, result.list);
});
