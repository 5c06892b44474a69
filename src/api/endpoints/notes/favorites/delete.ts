import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { deleteFavorite } from '../../../../core/favorites/favorites.js';

export default defineEndpoint({
  summary: 'Removes a note from your favorites.',
  tags: ['notes', 'favorites'],
  requireCredential: true,
  kind: 'write:favorites',
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '80848a2c-398f-4343-baa9-df1d57696c56' },
    notFavorited: { message: 'You have not marked that note a favorite.', code: 'NOT_FAVORITED', id: 'b625fc69-635e-45e9-86f4-dbefbef35af5' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const refused = await deleteFavorite(ctx, me!, params.noteId);
  if (refused) fail(refused);
});
