import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { unlikeFlash } from '../../../core/flashes/flashes.js';

export default defineEndpoint({
  summary: 'Takes back your like of a Play.',
  tags: ['flash'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:flash-likes',
  errors: {
    noSuchFlash: { message: 'No such flash.', code: 'NO_SUCH_FLASH', id: 'afe8424a-a69e-432d-a5f2-2f0740c62410' },
    notLiked: { message: 'You have not liked that flash.', code: 'NOT_LIKED', id: '755f25a7-9871-4f65-9f34-51eaad9ae0ac' },
  },
  params: Type.Object({ flashId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await unlikeFlash(ctx, me!.id, params.flashId);
  if (result !== 'ok') fail(result);
});
