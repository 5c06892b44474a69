import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listFavoriteClips } from '../../../core/clips/favorites.js';
import { packClips } from '../../../core/clips/pack.js';
import { ClipSchema } from '../../../core/clips/schema.js';

export default defineEndpoint({
  summary: 'The clips you favourited that you can still read, newest favourite first.',
  tags: ['clips', 'account'],
  requireCredential: true,
  kind: 'read:clip-favorite',
  params: Type.Object({}),
  res: Type.Array(ClipSchema),
}, async ({ me, ctx }) => {
  return packClips(ctx, await listFavoriteClips(ctx, me!.id), me);
});
