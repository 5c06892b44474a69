import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { favoriteClip } from '../../../core/clips/favorites.js';

export default defineEndpoint({
  summary: 'Favourites a public clip (or one of yours).',
  tags: ['clips'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:clip-favorite',
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: '4c2aaeae-80d8-4250-9606-26cb1fdb77a5' },
    alreadyFavorited: { message: 'The clip has already been favorited.', code: 'ALREADY_FAVORITED', id: '92658936-c625-4273-8326-2d790129256e' },
  },
  params: Type.Object({ clipId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await favoriteClip(ctx, me!.id, params.clipId);
  if (result !== 'ok') fail(result);
});
