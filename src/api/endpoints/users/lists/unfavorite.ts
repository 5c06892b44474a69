import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { findList, unfavoriteList } from '../../../../core/lists/lists.js';

export default defineEndpoint({
  summary: 'Takes back your like of a public list.',
  tags: ['lists'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchList: { message: 'No such user list.', code: 'NO_SUCH_USER_LIST', id: 'baedb33e-76b8-4b0c-86a8-9375c0a7b94b' },
    // Misskey's code for "not favorited" (sic).
    notFavorited: { message: 'You have not favorited the list.', code: 'ALREADY_FAVORITED', id: '835c4b27-463d-4cfa-969b-a9058678d465' },
  },
  params: Type.Object({ listId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const list = await findList(ctx, params.listId, me!.id, true) ?? fail('noSuchList');
  if (!await unfavoriteList(ctx, me!.id, list.id)) fail('notFavorited');
});
