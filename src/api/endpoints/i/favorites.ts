import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { listFavorites, NoteFavoriteSchema, packFavorites } from '../../../core/favorites/favorites.js';

export default defineEndpoint({
  summary: 'Your favorite notes, most recently favorited first.',
  tags: ['account', 'notes', 'favorites'],
  requireCredential: true,
  kind: 'read:favorites',
  params: Type.Object({ ...pageParams(10) }),
  res: Type.Array(NoteFavoriteSchema),
}, async ({ params, me, ctx }) => {
  const rows = await listFavorites(ctx, me!, { ...params, limit: params.limit ?? 10 });
  return packFavorites(ctx, rows, me!);
});
