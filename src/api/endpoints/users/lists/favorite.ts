import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { favoriteList, findList } from '../../../../core/lists/lists.js';

export default defineEndpoint({
  summary: 'Likes a public list.',
  tags: ['lists'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchList: { message: 'No such user list.', code: 'NO_SUCH_USER_LIST', id: '7dbaf3cf-7b42-4b8f-b431-b3919e580dbe' },
    alreadyFavorited: { message: 'The list has already been favorited.', code: 'ALREADY_FAVORITED', id: '6425bba0-985b-461e-af1b-518070e72081' },
  },
  params: Type.Object({ listId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const list = await findList(ctx, params.listId, me!.id, true) ?? fail('noSuchList');
  if (!await favoriteList(ctx, me!.id, list.id)) fail('alreadyFavorited');
});
