import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { likeFlash } from '../../../core/flashes/flashes.js';

export default defineEndpoint({
  summary: 'Likes someone else\'s Play.',
  tags: ['flash'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:flash-likes',
  errors: {
    noSuchFlash: { message: 'No such flash.', code: 'NO_SUCH_FLASH', id: 'c07c1491-9161-4c5c-9d75-01906f911f73' },
    yourFlash: { message: 'You cannot like your flash.', code: 'YOUR_FLASH', id: '3fd8a0e7-5955-4ba9-85bb-bf3e0c30e13b' },
    alreadyLiked: { message: 'The flash has already been liked.', code: 'ALREADY_LIKED', id: '010065cf-ad43-40df-8067-abff9f4686e3' },
  },
  params: Type.Object({ flashId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await likeFlash(ctx, me!.id, params.flashId);
  if (result !== 'ok') fail(result);
});
