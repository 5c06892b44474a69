import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unfavoriteClip } from '../../../core/clips/favorites.js';

export default defineEndpoint({
  summary: 'Takes back your favourite of a clip.',
  tags: ['clips'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:clip-favorite',
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: '2603966e-b865-426c-94a7-af4a01241dc1' },
    notFavorited: { message: 'You have not favorited the clip.', code: 'NOT_FAVORITED', id: '90c3a9e8-b321-4dae-bf57-2bf79bbcc187' },
  },
  params: Type.Object({ clipId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await unfavoriteClip(ctx, me!.id, params.clipId);
  if (result !== 'ok') fail(result);
});
