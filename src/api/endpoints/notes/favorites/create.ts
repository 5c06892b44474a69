import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../define.js';
import { createFavorite } from '../../../../core/favorites/favorites.js';

export default defineEndpoint({
  summary: 'Adds a note to your favorites.',
  tags: ['notes', 'favorites'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:favorites',
  limit: { duration: 3_600_000, max: 20 },
  errors: {
    noSuchNote: { message: 'No such note.', code: 'NO_SUCH_NOTE', id: '6dd26674-e060-4816-909a-45ba3f4da458' },
    alreadyFavorited: { message: 'The note has already been marked as a favorite.', code: 'ALREADY_FAVORITED', id: 'a402c12b-34dd-41d2-97d8-4d2ffd96a1a6' },
  },
  params: Type.Object({ noteId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const refused = await createFavorite(ctx, me!, params.noteId);
  if (refused) fail(refused);
});
